"""Staff who choose the English admin work in the same newsroom: dates day first, times in
Vietnam time with the zone written, typed as their colleagues type them."""

from newsroom.formats.vi.formats import *  # noqa: F403
