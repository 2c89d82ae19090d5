"""Settings package: ``base`` holds what every profile shares; ``dev``, ``test`` and
``prod`` adjust it. Everything that differs between machines comes from the environment."""
