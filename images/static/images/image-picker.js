'use strict';
// The admin's image picker (images.widgets.ImagePickerWidget): Django's select2, showing
// each image's thumbnail, caption, size and a warning when it has no alt text.
{
    const $ = django.jQuery;

    function card(item, element) {
        if (!item.id) {
            return item.text;
        }
        const data = item.element ? item.element.dataset : {};
        const thumbnail = item.thumbnail || data.thumbnail;
        const size = item.size || data.size;
        const altMissing = 'alt_missing' in item ? item.alt_missing : Boolean(data.altMissing);
        // Built node by node: captions are typed by people and must never become markup.
        const box = document.createElement('span');
        box.className = 'image-picker-item';
        if (thumbnail) {
            const img = document.createElement('img');
            img.src = thumbnail;
            img.alt = '';
            img.loading = 'lazy';
            box.appendChild(img);
        }
        const text = document.createElement('span');
        text.className = 'image-picker-text';
        const caption = document.createElement('span');
        caption.textContent = item.text;
        text.appendChild(caption);
        if (size) {
            const small = document.createElement('small');
            small.textContent = size;
            text.appendChild(small);
        }
        if (altMissing) {
            const warning = document.createElement('small');
            warning.className = 'image-picker-warning';
            warning.textContent = element.dataset.altMissingLabel;
            text.appendChild(warning);
        }
        box.appendChild(text);
        return $(box);
    }

    $.fn.imagePicker = function() {
        $.each(this, function(i, element) {
            $(element).select2({
                ajax: {
                    data: (params) => ({term: params.term, page: params.page})
                },
                containerCssClass: 'image-picker-selection',
                templateResult: (item) => card(item, element),
                templateSelection: (item) => card(item, element)
            });
        });
        return this;
    };

    $(function() {
        $('.image-picker').not('[name*=__prefix__]').imagePicker();
    });

    document.addEventListener('formset:added', (event) => {
        $(event.target).find('.image-picker').imagePicker();
    });
}
