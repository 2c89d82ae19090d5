'use strict';
// The focal point and crop box on an image's page (ImageAdmin.focal_point): a click on
// the photo sets the focal point, a drag draws a crop box. The script only fills the
// number fields below the photo; the server checks them (images.framing.problems).
{
    const MIN_DRAG = 0.02; // smaller than this, a drag is a click

    function clamp(value) {
        return Math.min(1, Math.max(0, value));
    }

    function rounded(value) {
        return String(Math.round(value * 10000) / 10000);
    }

    function start(editor) {
        const field = (name) => document.getElementById('id_' + name);
        const focal = [field('focal_x'), field('focal_y')];
        const crop = [field('crop_x'), field('crop_y'), field('crop_w'), field('crop_h')];
        if (focal.includes(null) || crop.includes(null)) {
            return;
        }
        const img = editor.querySelector('img');
        const dot = editor.querySelector('.focal-editor__dot');
        const box = editor.querySelector('.focal-editor__box');
        const number = (input) => {
            const value = parseFloat(input.value);
            return Number.isFinite(value) ? value : null;
        };

        function showBox(x, y, w, h) {
            box.hidden = false;
            box.style.left = x * 100 + '%';
            box.style.top = y * 100 + '%';
            box.style.width = w * 100 + '%';
            box.style.height = h * 100 + '%';
        }

        function draw() {
            const [x, y] = focal.map(number);
            dot.style.left = (x === null ? 0.5 : x) * 100 + '%';
            dot.style.top = (y === null ? 0.5 : y) * 100 + '%';
            const values = crop.map(number);
            if (values.every((v) => v !== null) && values[2] > 0 && values[3] > 0) {
                showBox(...values);
            } else {
                box.hidden = true;
            }
        }

        function at(event) {
            const frame = img.getBoundingClientRect();
            return [
                clamp((event.clientX - frame.left) / frame.width),
                clamp((event.clientY - frame.top) / frame.height),
            ];
        }

        function dragged(from, to) {
            const x = Math.min(from[0], to[0]);
            const y = Math.min(from[1], to[1]);
            return [x, y, Math.abs(to[0] - from[0]), Math.abs(to[1] - from[1])];
        }

        let from = null;
        editor.addEventListener('pointerdown', (event) => {
            if (event.button !== 0) {
                return;
            }
            event.preventDefault();
            from = at(event);
            editor.setPointerCapture(event.pointerId);
        });
        editor.addEventListener('pointermove', (event) => {
            if (from === null) {
                return;
            }
            const rect = dragged(from, at(event));
            if (rect[2] >= MIN_DRAG || rect[3] >= MIN_DRAG) {
                showBox(...rect);
            }
        });
        editor.addEventListener('pointerup', (event) => {
            if (from === null) {
                return;
            }
            const to = at(event);
            const rect = dragged(from, to);
            from = null;
            if (rect[2] < MIN_DRAG && rect[3] < MIN_DRAG) {
                focal[0].value = rounded(to[0]);
                focal[1].value = rounded(to[1]);
            } else {
                crop.forEach((input, index) => {
                    input.value = rounded(rect[index]);
                });
                const [x, y] = focal.map(number);
                const inside = x !== null && y !== null && x >= rect[0] && x <= rect[0] + rect[2]
                    && y >= rect[1] && y <= rect[1] + rect[3];
                if (!inside) {
                    // A point outside the box could not stay in frame: the box's centre.
                    focal[0].value = rounded(rect[0] + rect[2] / 2);
                    focal[1].value = rounded(rect[1] + rect[3] / 2);
                }
            }
            draw();
        });
        editor.addEventListener('pointercancel', () => {
            from = null;
            draw();
        });
        for (const input of [...focal, ...crop]) {
            input.addEventListener('input', draw);
        }
        const clear = document.querySelector('[data-focal-clear-crop]');
        if (clear) {
            clear.addEventListener('click', () => {
                crop.forEach((input) => {
                    input.value = '';
                });
                draw();
            });
        }
        draw();
    }

    function ready() {
        document.querySelectorAll('[data-focal-editor]').forEach(start);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', ready);
    } else {
        ready();
    }
}
