'use strict';
// The story form's "SEO and social networks" section (articles.seo_admin): a character
// counter under each text, and the preview of the Google result and the share card,
// following what is typed. A blank field shows what stands in for it, as on the reader's
// page (articles.seo.StoryTexts). Text only: nothing typed ever becomes markup.
{
    const squash = (text) => (text || '').replace(/\s+/g, ' ').trim();
    // As Django's Truncator.chars: at most `length` characters, "…" included.
    const cut = (text, length) => {
        const chars = Array.from(text.normalize('NFC'));
        return chars.length > length ? chars.slice(0, length - 1).join('') + '…' : text;
    };
    const count = (text) => Array.from(text.normalize('NFC')).length;
    const field = (name) => document.getElementById('id_' + name);
    const camel = (name) => name.replace(/_(\w)/g, (match, letter) => letter.toUpperCase());

    function thumbnail(select) {
        if (!select.value) {
            return '';
        }
        const $ = window.django && window.django.jQuery;
        if ($ && $(select).data('select2')) {
            const item = $(select).select2('data')[0];
            if (item) {
                return item.thumbnail || (item.element && item.element.dataset.thumbnail) || '';
            }
        }
        const option = select.selectedOptions[0];
        return (option && option.dataset.thumbnail) || '';
    }

    function start(preview) {
        const value = (name) => {
            const input = field(name);
            return squash(input ? input.value : preview.dataset[camel(name)]);
        };
        const image = (name, fallback) => {
            const select = field(name);
            return select ? thumbnail(select) : preview.dataset[fallback];
        };
        const characters = preview.dataset.characters;
        const counters = Array.from(document.querySelectorAll('[data-seo-advice]')).map((input) => {
            const counter = document.createElement('span');
            counter.className = 'seo-counter';
            counter.setAttribute('aria-live', 'polite');
            input.insertAdjacentElement('afterend', counter);
            return {input, counter, advice: Number(input.dataset.seoAdvice)};
        });

        function update() {
            for (const {input, counter, advice} of counters) {
                const length = count(input.value);
                counter.textContent = `${length}/${advice} ${characters}`;
                counter.classList.toggle('seo-counter--over', length > advice);
            }
            const title = value('seo_title') || value('title');
            const description = value('seo_description') || value('lead');
            const shown = {
                title: title,
                description: description,
                social_title: value('social_title') || title,
                social_description: value('social_description') || description,
            };
            for (const element of preview.querySelectorAll('[data-seo-cut]')) {
                const text = shown[element.dataset.seoShow];
                element.textContent = cut(text, Number(element.dataset.seoCut));
            }
            const picture = preview.querySelector('[data-seo-show=image]');
            const url = image('social_image', 'image') || image('featured_image', 'featuredImage');
            picture.hidden = !url;
            if (url) {
                picture.src = url;
            } else {
                picture.removeAttribute('src');
            }
        }

        document.addEventListener('input', update);
        document.addEventListener('change', update);
        // select2 tells of a picked image through jQuery's events only.
        if (window.django && window.django.jQuery) {
            window.django.jQuery(document).on('change', 'select', update);
        }
        update();
    }

    document.addEventListener('DOMContentLoaded', () => {
        const preview = document.getElementById('seo-preview');
        if (preview) {
            start(preview);
        }
    });
}
