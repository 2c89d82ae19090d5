'use strict';
// "Insert from library" in CKEditor 5 (images.editor.LibraryPhotosAdminMixin): a toolbar
// button opens a dialog of the library's photos (newest first, searched as you type, a page
// at a time); the chosen photo goes into the body as
//   <figure class="image"><img src alt data-image><figcaption>caption
//   <span class="credit">credit</span></figcaption></figure>
// whose caption, credit and alt text the reporter may then edit for this story.
// The editor bundle exposes no plugin classes, so the button is added to each editor's
// toolbar once it exists, as a view of the same class as its own buttons.
{
    const SEARCH_DELAY = 250;

    function element(tag, className, text) {
        const node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    // Built node by node and serialised by the browser: captions are typed by people and
    // must never become markup.
    function figureHtml(item) {
        const figure = element('figure', 'image');
        const img = element('img');
        img.src = item.url;
        img.alt = item.alt || '';
        img.setAttribute('data-image', String(item.id));
        if (item.width && item.height) {
            img.width = item.width;
            img.height = item.height;
        }
        figure.appendChild(img);
        if (item.caption || item.credit) {
            const caption = element('figcaption', '', item.caption || '');
            if (item.credit) {
                if (item.caption) {
                    caption.appendChild(document.createTextNode(' '));
                }
                caption.appendChild(element('span', 'credit', item.credit));
            }
            figure.appendChild(caption);
        }
        return figure.outerHTML;
    }

    function insert(editor, item) {
        editor.model.change(() => {
            const view = editor.data.processor.toView(figureHtml(item));
            editor.model.insertContent(editor.data.toModel(view));
        });
        editor.editing.view.focus();
    }

    class LibraryDialog {
        constructor(settings) {
            this.settings = settings;
            this.labels = settings.labels;
            this.editor = null;
            this.page = 1;
            this.timer = null;
            this.build();
        }

        build() {
            const labels = this.labels;
            this.dialog = element('dialog', 'library-dialog');
            this.dialog.setAttribute('aria-labelledby', 'library-dialog-title');
            const header = element('div', 'library-dialog__header');
            const title = element('h2', '', labels.title);
            title.id = 'library-dialog-title';
            const close = element('button', 'library-dialog__close', '×');
            close.type = 'button';
            close.setAttribute('aria-label', labels.close);
            close.addEventListener('click', () => this.dialog.close());
            header.append(title, close);

            this.search = element('input', 'library-dialog__search vTextField');
            this.search.type = 'search';
            this.search.placeholder = labels.search;
            this.search.setAttribute('aria-label', labels.search);
            this.search.addEventListener('input', () => {
                clearTimeout(this.timer);
                this.timer = setTimeout(() => this.load(1), SEARCH_DELAY);
            });
            // Enter searches at once, and never submits the story's form.
            this.search.addEventListener('keydown', (event) => {
                if (event.key === 'Enter') {
                    event.preventDefault();
                    clearTimeout(this.timer);
                    this.load(1);
                }
            });

            this.grid = element('ul', 'library-dialog__grid');
            this.status = element('p', 'library-dialog__status');
            this.status.setAttribute('role', 'status');

            const pager = element('div', 'library-dialog__pager');
            this.previous = element('button', 'button', labels.previous);
            this.previous.type = 'button';
            this.previous.addEventListener('click', () => this.load(this.page - 1));
            this.position = element('span');
            this.next = element('button', 'button', labels.next);
            this.next.type = 'button';
            this.next.addEventListener('click', () => this.load(this.page + 1));
            pager.append(this.previous, this.position, this.next);

            this.dialog.append(header, this.search, this.status, this.grid, pager);
            document.body.appendChild(this.dialog);
        }

        open(editor) {
            this.editor = editor;
            if (!this.dialog.open) {
                this.dialog.showModal();
            }
            this.search.focus();
            this.load(1);
        }

        async load(page) {
            const url = new URL(this.settings.url, window.location.href);
            url.searchParams.set('q', this.search.value);
            url.searchParams.set('page', String(Math.max(1, page)));
            const asked = url.toString();
            this.asked = asked;
            this.dialog.setAttribute('aria-busy', 'true');
            let answer;
            try {
                const response = await fetch(asked, {
                    credentials: 'same-origin',
                    headers: {Accept: 'application/json'},
                });
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                answer = await response.json();
            } catch (error) {
                if (this.asked === asked) {
                    this.dialog.removeAttribute('aria-busy');
                    this.status.textContent = this.labels.failed;
                }
                return;
            }
            if (this.asked !== asked) {
                return; // a later search answered first
            }
            this.dialog.removeAttribute('aria-busy');
            this.show(answer);
        }

        show(answer) {
            this.page = answer.page;
            this.grid.replaceChildren(...answer.results.map((item) => this.card(item)));
            this.status.textContent = answer.results.length ? '' : this.labels.empty;
            this.position.textContent = this.labels.page
                .replace('{page}', answer.page)
                .replace('{pages}', answer.pages);
            this.previous.disabled = answer.page <= 1;
            this.next.disabled = answer.page >= answer.pages;
        }

        card(item) {
            const li = element('li');
            const choose = element('button', 'library-dialog__item');
            choose.type = 'button';
            choose.dataset.image = String(item.id);
            const img = element('img');
            img.src = item.thumbnail;
            img.alt = '';
            img.loading = 'lazy';
            const text = element('span', 'library-dialog__text');
            text.appendChild(element('span', 'library-dialog__caption', item.caption || item.alt || ''));
            if (item.credit) {
                text.appendChild(element('small', 'library-dialog__credit', item.credit));
            }
            text.appendChild(element('small', '', `${item.width}×${item.height} · ${item.uploaded_at}`));
            if (!item.alt) {
                text.appendChild(element('small', 'library-dialog__warning', this.labels.noAlt));
            }
            choose.append(img, text);
            choose.addEventListener('click', () => {
                this.dialog.close();
                insert(this.editor, item);
            });
            li.appendChild(choose);
            return li;
        }
    }

    let dialog = null;

    function addButton(editor, settings) {
        const toolbar = editor.ui.view.toolbar;
        if (!toolbar || editor.__libraryButton) {
            return;
        }
        // The class of the editor's own buttons (the bundle does not export it).
        const ButtonView = editor.ui.componentFactory.create('undo').constructor;
        const button = new ButtonView(editor.locale);
        button.set({label: settings.labels.button, withText: true, tooltip: true});
        button.class = 'library-dialog__button';
        button.on('execute', () => {
            dialog = dialog || new LibraryDialog(settings);
            dialog.open(editor);
        });
        editor.on('change:isReadOnly', () => {
            button.isEnabled = !editor.isReadOnly;
        });
        button.isEnabled = !editor.isReadOnly;
        // Right after the upload button, where a reporter looks for photos.
        const items = Array.from(toolbar.items);
        const upload = items.findIndex((view) =>
            view.element && view.element.classList.contains('ck-file-dialog-button'));
        toolbar.items.add(button, upload >= 0 ? upload + 1 : items.length);
        editor.__libraryButton = button;
    }

    function prepare(textarea) {
        let settings;
        try {
            settings = JSON.parse(textarea.dataset.library);
        } catch (error) {
            return;
        }
        // Waits for the editor rather than taking django-ckeditor-5's one callback per
        // editor, which another feature may want too.
        let tries = 0;
        const wait = () => {
            const editor = window.editors && window.editors[textarea.id];
            if (editor) {
                addButton(editor, settings);
            } else if (tries++ < 300) {
                setTimeout(wait, 100);
            }
        };
        wait();
    }

    document.addEventListener('DOMContentLoaded', () => {
        document.querySelectorAll('textarea[data-library]').forEach(prepare);
    });
}
