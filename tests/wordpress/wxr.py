"""A WordPress export (WXR 1.2, what Tools → Export writes) of a Vietnamese news site, built
on the spot: no binary or XML fixture in the repository, no network.

``write_export(path, posts=300, media=DIR)`` writes the export and, under ``DIR`` (the
site's ``wp-content/uploads``), the photos it names, but for the ones a real move loses.
The same arguments give the same file (``now`` aside: scheduled posts are dated from it),
and it is written as it is made, so the benchmark builds 10,000 posts the same way.

What it holds, as real exports do:

- a category tree three levels deep, a child listed before its parent, a slug WordPress
  percent-encoded (``th%e1%bb%83-thao``) and one our site keeps for itself (``rss``);
- tags in Vietnamese, one spelt in decomposed Unicode, one with no letter, one too long;
- six authors (one whose login has a space, one without an email) and posts by someone
  the export does not list;
- published, scheduled (``future``), draft, pending, private, password-protected and
  trashed posts, pages, menu items, an auto-draft and a contact form;
- bodies from the classic editor (blank lines for paragraphs) and from Gutenberg, with
  ``[caption]``, ``[gallery ids=…]``, ``[gallery]``, ``[embed]…[/embed]``, a bare YouTube
  line, an unknown shortcode, broken and hostile HTML, one nested too deeply, one too long;
- titles with entities, decomposed accents, a control character (invalid in XML: WordPress
  writes it anyway) or nothing at all;
- photos as attachments under ``YYYY/MM/``, shown in bodies at a smaller size
  (``-300x200.jpg``), as featured images, in galleries; every seventh featured photo's
  file and every "missing" caption's file is not in the media folder;
- readers' comments: approved, a reply, pending, spam, a pingback."""

import datetime
import io
import random
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

from PIL import Image as PILImage

SITE = "https://baocu.example.vn"
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))
FIRST_POST = datetime.datetime(2019, 1, 1, 1, 30, tzinfo=datetime.UTC)
NOT_SET = "0000-00-00 00:00:00"

# (term id, slug, parent slug, name): in the export's order, a child before its parent.
CATEGORIES = [
    (1, "chua-phan-loai", "", "Chưa phân loại"),
    (2, "thoi-su", "", "Thời sự"),
    (3, "chinh-tri", "thoi-su", "Chính trị"),
    (4, "xa-hoi", "thoi-su", "Xã hội"),
    (5, "giao-thong", "xa-hoi", "Giao thông"),
    (6, "do-thi", "xa-hoi", "Đô thị"),
    (7, "kinh-te", "", "Kinh tế"),
    (8, "doanh-nghiep", "kinh-te", "Doanh nghiệp"),
    (9, "tai-chinh", "kinh-te", "Tài chính"),
    (10, "ngan-hang", "tai-chinh", "Ngân hàng"),
    (11, "the-gioi", "", "Thế giới"),
    (13, "bong-da", "th%e1%bb%83-thao", "Bóng đá"),
    (12, "th%e1%bb%83-thao", "", "Thể thao"),
    (14, "rss", "", "RSS &amp; Podcast"),
    (15, "giao-duc", "", "Giáo dục"),
    (16, "tuyen-sinh", "giao-duc", "Tuyển sinh"),
    (17, "van-hoa", "", "Văn hóa"),
    (18, "du-lich", "van-hoa", "Du lịch"),
]
# Where posts go: the leaves and a few parents, so both are used.
POST_CATEGORIES = [
    "chinh-tri",
    "giao-thong",
    "do-thi",
    "xa-hoi",
    "doanh-nghiep",
    "ngan-hang",
    "the-gioi",
    "bong-da",
    "tuyen-sinh",
    "du-lich",
    "kinh-te",
    "rss",
]
TAGS = [
    "Hà Nội",
    "TP.HCM",
    "Đà Nẵng",
    "Bão số 3",
    "Giá xăng",
    "COVID-19",
    "Quốc hội",
    "Tuyển sinh 2024",
    "Chuyển đổi số",
    "Trí tuệ nhân tạo",
    "Bóng đá Việt Nam",
    "SEA Games",
    "Ngân hàng",
    "Lãi suất",
    "Bất động sản",
    "Chứng khoán",
    "Tết Nguyên đán",
    "Huế",
    "Cần Thơ",
    "Hạ Long",
    "Biến đổi khí hậu",
    "Vắc xin",
    "Cao tốc Bắc - Nam",
    "Metro",
    "Sân bay Long Thành",
    "Lúa gạo",
    "Thủy sản",
    "Điện mặt trời",
    "Di sản",
    "Ẩm thực",
]
# Tags as real sites have them: "Hà Nội" typed in decomposed Unicode (the same tag), one
# with no letter or digit, one longer than a tag may be.
DECOMPOSED_HANOI = "Ha\u0300 Nô\u0323i"
NO_LETTER_TAG = "!!!"
TOO_LONG_TAG = "Tin " + "rất " * 40 + "dài"
ODD_TAGS = [DECOMPOSED_HANOI, NO_LETTER_TAG, TOO_LONG_TAG]

# (login, email, display name, first name, last name)
AUTHORS = [
    ("admin", "admin@baocu.example.vn", "Ban biên tập", "", ""),
    ("phongvien.an", "an.nguyen@baocu.example.vn", "Nguyễn Văn An", "An", "Nguyễn Văn"),
    ("lethibinh", "binh.le@baocu.example.vn", "Lê Thị Bình", "Bình", "Lê Thị"),
    ("tran quang huy", "huy.tran@baocu.example.vn", "Trần Quang Huy", "Huy", "Trần Quang"),
    ("ctv-hoa", "", "CTV Mai Hoa", "", ""),
    ("bientap.duc", "duc.pham@baocu.example.vn", "Phạm Minh Đức", "Đức", "Phạm Minh"),
]
UNLISTED_AUTHOR = "khach-moi"

PLACES = ["Hà Nội", "TP.HCM", "Đà Nẵng", "Huế", "Cần Thơ", "Quảng Ninh", "Nghệ An", "Đồng Nai"]
SUBJECTS = [
    "Hội nghị xúc tiến đầu tư",
    "Giá xăng dầu",
    "Kỳ thi tốt nghiệp",
    "Dự án cao tốc",
    "Lễ hội mùa xuân",
    "Mưa lớn kéo dài",
    "Thị trường chứng khoán",
    "Đội tuyển bóng đá",
    "Chương trình chuyển đổi số",
    "Vụ lúa đông xuân",
]
EVENTS = [
    "khai mạc với nhiều kỳ vọng",
    "tăng nhẹ trong tuần",
    "đón hàng nghìn du khách",
    "gây ngập nhiều tuyến phố",
    "về đích sớm hơn kế hoạch",
    "thu hút hơn 200 doanh nghiệp",
]
_TEXT = (
    "hội nghị khoa học công nghệ phát triển kinh tế xã hội giáo dục đào tạo môi trường sức "
    "khỏe người dân thành phố tỉnh đồng bằng miền núi nông nghiệp doanh nghiệp đầu tư chính "
    "sách quốc hội chính phủ địa phương dự án đường sắt cảng biển năng lượng tái tạo biển "
    "đảo thủy sản lúa gạo xuất khẩu thị trường ngân hàng học sinh sinh viên bệnh viện bác sĩ "
    "văn hóa lễ hội du lịch di sản chuyên gia giải pháp đổi mới sáng tạo hạ tầng giao thông"
)
WORDS = _TEXT.split(" ")
COMMENTERS = [("Minh Tuấn", "tuan@example.vn"), ("Thu Hà", "ha@example.vn"), ("Bạn đọc", "")]

# What the hostile body holds, each of which readers must never get.
HOSTILE = (
    "<p>Mở đầu <b>chưa đóng <i>thẻ\n\n"
    "<script>alert('xss')</script>"
    '<img src="x" onerror="alert(1)">'
    '<p><a href="javascript:alert(2)">Bấm vào đây</a> và '
    '<a href="https://vnexpress.net/" onclick="steal()">một liên kết thật</a></p>'
    '<iframe src="https://evil.example/"></iframe>'
    '<div style="position:fixed">Quảng cáo <span style="color:red">đỏ</span></div>'
    "<style>body{display:none}</style>"
    "<table><tr><td>Ô một<td>Ô hai</table>"
    "<p>Đoạn kết vẫn còn đây.</p>"
)
TOO_DEEP = "<div>" * 60 + "Lồng quá sâu" + "</div>" * 60
UNKNOWN_SHORTCODE = '[contact-form-7 id="5" title="Liên hệ tòa soạn"]'


@dataclass
class Post:
    """What the export says about one post, for tests to compare the import with."""

    wp_id: int
    index: int
    status: str  # WordPress's: publish, future, draft, pending, private, trash
    title: str  # as exported (entities, control characters and all)
    slug: str
    link: str
    date: datetime.datetime | None  # UTC; None for a draft
    variant: str
    category: str
    tags: list
    author: str
    excerpt: str
    password: str = ""
    featured: int | None = None  # attachment id
    featured_missing: bool = False
    attachments: list = field(default_factory=list)  # ids
    comments: list = field(default_factory=list)  # (id, approved, type, parent)

    @property
    def guid(self):
        return f"{SITE}/?p={self.wp_id}"


@dataclass
class Export:
    """The export written, and what it holds."""

    path: Path
    media: Path | None
    posts: list
    attachments: dict  # id → (relative file, written?)
    other_items: dict  # post type → count

    def having(self, **wanted):
        return [p for p in self.posts if all(getattr(p, k) == v for k, v in wanted.items())]

    @property
    def missing_files(self):
        return sorted(name for name, written in self.attachments.values() if not written)


def status_of(index):
    """WordPress's status of the ``index``-th post (1-based): mostly published."""
    if index % 60 == 17:
        return "trash"
    if index % 50 == 13:
        return "private"
    if index % 20 == 3:
        return "future"
    if index % 20 == 7:
        return "draft"
    if index % 20 == 11:
        return "pending"
    return "publish"


VARIANTS = [
    "caption",
    "gutenberg",
    "gallery",
    "embed",
    "bare-url",
    "hostile",
    "gallery-attached",
    "unknown-shortcode",
    "classic",
    "caption-missing",
]


def variant_of(index):
    if index == 29:
        return "too-deep"
    if index == 31:
        return "too-long"
    return VARIANTS[index % len(VARIANTS)]


def _cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _title(index):
    if index == 1:
        return "Giá xăng &#8211; dầu giảm &amp; thị trường ổn định"
    if index == 2:
        return "Ho\u0300a Bi\u0300nh: ngày hội đọc sách"  # decomposed accents
    if index == 4:
        return ""
    if index == 6:
        return "Tin nhanh\x0b sáng nay"  # a vertical tab pasted from Word
    subject = SUBJECTS[index % len(SUBJECTS)]
    place = PLACES[index % len(PLACES)]
    event = EVENTS[index % len(EVENTS)]
    return f"{subject} tại {place} {event} (số {index})"


def _ascii_slug(text):
    from newsroom.text import vietnamese_slugify

    return vietnamese_slugify(text, fallback="")


def _slug(index, title, status):
    if status in {"draft", "pending"} and index % 2:
        return ""  # WordPress leaves an unpublished post's slug empty until it is published
    if index % 5 == 0:
        # WordPress without a transliteration plugin: the title's own letters, encoded.
        return quote(title.lower().replace(" ", "-").replace(":", ""), safe="-").lower()
    return _ascii_slug(title) or f"bai-{index}"


def _paragraphs(rng, count, words=(18, 40)):
    return [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(*words))).capitalize() + "."
        for _ in range(count)
    ]


def _upload_path(att_id, date):
    return f"{date:%Y/%m}/anh-{att_id}.jpg"


def _body(post, rng, files):
    """The post's ``content:encoded``, as the editor of its time stored it."""
    texts = _paragraphs(rng, 3)
    body_image = post.attachments[0] if post.attachments else None

    def img(att_id, size=None, link=False):
        name = files[att_id]
        if size:
            name = name.replace(".jpg", f"-{size}.jpg")
        tag = (
            f'<img class="wp-image-{att_id} size-medium" src="{SITE}/wp-content/uploads/{name}" '
            f'alt="Ảnh minh họa {att_id}" width="300" height="200" />'
        )
        if link:
            tag = f'<a href="{SITE}/wp-content/uploads/{files[att_id]}">{tag}</a>'
        return tag

    variant = post.variant
    if variant in {"caption", "caption-missing"}:
        caption = (
            f'[caption id="attachment_{body_image}" align="aligncenter" width="300"]'
            f"{img(body_image, '300x200', link=True)} Người dân {PLACES[post.index % 8]} "
            "trong buổi sáng <em>đầu tuần</em>[/caption]"
        )
        return f"{texts[0]}\n\n{caption}\n\n{texts[1]}\nMột dòng mới.\n\n{texts[2]}"
    if variant == "gutenberg":
        blocks = [f"<!-- wp:paragraph -->\n<p>{t}</p>\n<!-- /wp:paragraph -->" for t in texts]
        image = (
            f'<!-- wp:image {{"id":{body_image}}} -->\n<figure class="wp-block-image '
            f'size-large">{img(body_image, "1024x683")}</figure>\n<!-- /wp:image -->'
        )
        return "\n\n".join([blocks[0], image, *blocks[1:]])
    if variant == "gallery":
        ids = ",".join(str(a) for a in post.attachments[:3])
        return f'{texts[0]}\n\n[gallery ids="{ids}" columns="3" link="file"]\n\n{texts[1]}'
    if variant == "gallery-attached":
        return f"{texts[0]}\n\n[gallery]\n\n{texts[1]}"
    if variant == "embed":
        return f"{texts[0]}\n\n[embed]{YOUTUBE}[/embed]\n\n{texts[1]}"
    if variant == "bare-url":
        return f"{texts[0]}\n\n{YOUTUBE}\n\n{texts[1]}"
    if variant == "hostile":
        return f"{texts[0]}\n\n{HOSTILE}"
    if variant == "unknown-shortcode":
        table = (
            "<table><tr><th>Năm</th><th>Số liệu</th></tr>"
            "<tr><td>2023</td><td>1.200</td></tr></table>"
        )
        return f"{texts[0]}\n\n{UNKNOWN_SHORTCODE}\n\n{table}\n\n{texts[1]}"
    if variant == "too-deep":
        return f"{texts[0]}\n\n{TOO_DEEP}"
    if variant == "too-long":
        return "\n\n".join(_paragraphs(rng, 2200, words=(30, 40)))
    # classic: headings, lists, a quotation, single line breaks
    return (
        f"{texts[0]}\n\n<h2>Diễn biến chính</h2>\n\n<ul>\n<li>Ý thứ nhất</li>\n"
        f"<li>Ý thứ hai</li>\n</ul>\n\n<blockquote>Chúng tôi sẽ tiếp tục theo dõi.</blockquote>"
        f"\n\n{texts[1]}\nDòng thứ hai của đoạn.\n\n{texts[2]}"
    )


def _photo(att_id):
    buffer = io.BytesIO()
    color = ((att_id * 37) % 256, (att_id * 91) % 256, (att_id * 53) % 256)
    PILImage.new("RGB", (48, 32), color).save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


class _Writer:
    def __init__(self, out):
        self.out = out

    def __call__(self, *lines):
        for line in lines:
            self.out.write(line)
            self.out.write("\n")

    def field(self, name, value, cdata=True):
        self(f"\t\t<{name}>{_cdata(value) if cdata else escape(str(value))}</{name}>")

    def meta(self, key, value):
        self(
            "\t\t<wp:postmeta>",
            f"\t\t\t<wp:meta_key>{_cdata(key)}</wp:meta_key>",
            f"\t\t\t<wp:meta_value>{_cdata(str(value))}</wp:meta_value>",
            "\t\t</wp:postmeta>",
        )


def _wp_date(when):
    return f"{when.astimezone(VIETNAM):%Y-%m-%d %H:%M:%S}" if when else NOT_SET


def _gmt(when):
    return f"{when.astimezone(datetime.UTC):%Y-%m-%d %H:%M:%S}" if when else NOT_SET


def _rss_date(when):
    return f"{when:%a, %d %b %Y %H:%M:%S +0000}" if when else "Mon, 30 Nov -0001 00:00:00 +0000"


def _plan(posts, now, later=False):
    """Every post, with the ids of its photos: decided before anything is written."""
    planned = []
    for index in range(1, posts + 1):
        status = status_of(index)
        variant = variant_of(index)
        wp_id = 100 + 10 * index
        title = _title(index)
        if status == "future":
            date = now + datetime.timedelta(days=index % 9 + 1, hours=index % 5)
        elif status in {"draft", "pending"}:
            date = None
        else:
            date = FIRST_POST + datetime.timedelta(hours=7 * index)
        slug = _slug(index, title.replace("&amp;", "").replace("&#8211;", ""), status)
        if date and status in {"publish", "private", "future"}:
            link = f"{SITE}/{date.astimezone(VIETNAM):%Y/%m/%d}/{slug}/"
        else:
            link = f"{SITE}/?p={wp_id}"
        attachments = []
        if variant in {"caption", "caption-missing", "gutenberg"}:
            attachments = [wp_id + 1]
        elif variant in {"gallery", "gallery-attached"}:
            attachments = [wp_id + 1, wp_id + 2, wp_id + 3]
        featured = wp_id + 4 if index % 2 == 0 else None
        tags = [TAGS[(index * 7 + k) % len(TAGS)] for k in range(index % 4)]
        if index % 25 == 0:
            tags.append(ODD_TAGS[(index // 25) % len(ODD_TAGS)])
        author = UNLISTED_AUTHOR if index % 41 == 0 else AUTHORS[index % len(AUTHORS)][0]
        post = Post(
            wp_id=wp_id,
            index=index,
            status=status,
            title=title,
            slug=slug,
            link=link,
            date=date,
            variant=variant,
            category=POST_CATEGORIES[index % len(POST_CATEGORIES)],
            tags=tags,
            author=author,
            excerpt="" if index % 3 == 1 else f"Tóm tắt bài số {index}: nội dung chính.",
            password="bimat" if index % 97 == 5 else "",
            featured=featured,
            featured_missing=featured is not None and index % 7 == 0,
            attachments=attachments,
        )
        if status == "publish" and index % 3 == 0:
            c = wp_id * 10
            post.comments = [
                (c + 1, "1", "comment", 0),
                (c + 2, "1", "comment", c + 1),
                (c + 3, "0", "comment", 0),
                (c + 4, "spam", "comment", 0),
                (c + 5, "1", "pingback", 0),
            ]
            if later:  # written after a first export: a reply to the reply
                post.comments.append((c + 6, "1", "comment", c + 2))
        planned.append(post)
    return planned


def write_export(path, posts=300, media=None, seed=20211115, now=None, later=False):
    """Write a WordPress export of ``posts`` posts to ``path`` and its photos under
    ``media`` (a folder standing for ``wp-content/uploads``); return what it holds.
    ``later``: the same site exported again after readers wrote one more comment under each
    commented post."""
    rng = random.Random(seed)
    now = (now or datetime.datetime.now(datetime.UTC)).replace(microsecond=0)
    path, media = Path(path), Path(media) if media else None
    planned = _plan(posts, now, later)
    attachments = {}
    with open(path, "w", encoding="utf-8") as out:
        w = _Writer(out)
        _channel_head(w, now)
        _other_items(w)
        for post in planned:
            files = {}
            uploaded = post.date or FIRST_POST
            for att_id in [*post.attachments, *([post.featured] if post.featured else [])]:
                files[att_id] = _upload_path(att_id, uploaded)
            _item(w, post, _body(post, rng, files))
            for att_id, name in files.items():
                missing = (att_id == post.featured and post.featured_missing) or (
                    post.variant == "caption-missing" and att_id == post.attachments[0]
                )
                _attachment(w, post, att_id, name, uploaded)
                attachments[att_id] = (name, media is not None and not missing)
                if media is not None and not missing:
                    target = media / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(_photo(att_id))
        w("\t</channel>", "</rss>")
    others = {"page": 2, "nav_menu_item": 3, "wpcf7_contact_form": 1, "auto-draft": 1}
    return Export(path, media, planned, attachments, others)


def _channel_head(w, now):
    w(
        '<?xml version="1.0" encoding="UTF-8" ?>',
        "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of "
        "your site. -->",
        '<rss version="2.0"',
        '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"',
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"',
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"',
        '\txmlns:wp="http://wordpress.org/export/1.2/"',
        ">",
        "\t<channel>",
        "\t\t<title>Báo Cũ</title>",
        f"\t\t<link>{SITE}</link>",
        "\t\t<description>Tin tức mỗi ngày</description>",
        f"\t\t<pubDate>{_rss_date(now)}</pubDate>",
        "\t\t<language>vi</language>",
        "\t\t<wp:wxr_version>1.2</wp:wxr_version>",
        f"\t\t<wp:base_site_url>{SITE}</wp:base_site_url>",
        f"\t\t<wp:base_blog_url>{SITE}</wp:base_blog_url>",
    )
    for number, (login, email, display, first, last) in enumerate(AUTHORS, start=1):
        w(
            "\t\t<wp:author>",
            f"\t\t\t<wp:author_id>{number}</wp:author_id>",
            f"\t\t\t<wp:author_login>{_cdata(login)}</wp:author_login>",
            f"\t\t\t<wp:author_email>{_cdata(email)}</wp:author_email>",
            f"\t\t\t<wp:author_display_name>{_cdata(display)}</wp:author_display_name>",
            f"\t\t\t<wp:author_first_name>{_cdata(first)}</wp:author_first_name>",
            f"\t\t\t<wp:author_last_name>{_cdata(last)}</wp:author_last_name>",
            "\t\t</wp:author>",
        )
    for term_id, slug, parent, name in CATEGORIES:
        w(
            "\t\t<wp:category>",
            f"\t\t\t<wp:term_id>{term_id}</wp:term_id>",
            f"\t\t\t<wp:category_nicename>{_cdata(slug)}</wp:category_nicename>",
            f"\t\t\t<wp:category_parent>{_cdata(parent)}</wp:category_parent>",
            f"\t\t\t<wp:cat_name>{_cdata(name)}</wp:cat_name>",
            f"\t\t\t<wp:category_description>{_cdata('Tin ' + name.lower())}"
            "</wp:category_description>",
            "\t\t</wp:category>",
        )
    for number, name in enumerate([*TAGS, *ODD_TAGS], start=100):
        w(
            "\t\t<wp:tag>",
            f"\t\t\t<wp:term_id>{number}</wp:term_id>",
            f"\t\t\t<wp:tag_slug>{_cdata(quote(name.lower().replace(' ', '-')))}</wp:tag_slug>",
            f"\t\t\t<wp:tag_name>{_cdata(name)}</wp:tag_name>",
            "\t\t</wp:tag>",
        )
    w("\t\t<generator>https://wordpress.org/?v=6.4.2</generator>")


def _other_items(w):
    """Pages, menu items, a contact form and an auto-draft: in every real export, and none
    of them a story."""
    kinds = [
        (11, "page", "publish", "Giới thiệu"),
        (12, "page", "publish", "Liên hệ"),
        (13, "nav_menu_item", "publish", ""),
        (14, "nav_menu_item", "publish", ""),
        (15, "nav_menu_item", "publish", ""),
        (16, "wpcf7_contact_form", "publish", "Liên hệ tòa soạn"),
        (17, "post", "auto-draft", "Bản nháp tự động"),
    ]
    for wp_id, post_type, status, title in kinds:
        w("\t<item>")
        w.field("title", title)
        w.field("link", f"{SITE}/?p={wp_id}", cdata=False)
        w.field("dc:creator", "admin")
        w.field("content:encoded", "<p>Trang tĩnh.</p>")
        w.field("excerpt:encoded", "")
        w.field("wp:post_id", wp_id, cdata=False)
        w.field("wp:post_date", NOT_SET)
        w.field("wp:post_date_gmt", NOT_SET)
        w.field("wp:post_name", "")
        w.field("wp:status", status)
        w.field("wp:post_parent", 0, cdata=False)
        w.field("wp:post_type", post_type)
        w("\t</item>")


def _item(w, post, body):
    w("\t<item>")
    w.field("title", post.title)
    w.field("link", post.link, cdata=False)
    w.field("pubDate", _rss_date(post.date), cdata=False)
    w.field("dc:creator", post.author)
    w(f'\t\t<guid isPermaLink="false">{escape(post.guid)}</guid>')
    w.field("description", "", cdata=False)
    w.field("content:encoded", body)
    w.field("excerpt:encoded", post.excerpt)
    w.field("wp:post_id", post.wp_id, cdata=False)
    # An unpublished post has its local creation time and no GMT one.
    w.field("wp:post_date", _wp_date(post.date or FIRST_POST + datetime.timedelta(days=post.index)))
    w.field("wp:post_date_gmt", _gmt(post.date))
    w.field("wp:post_modified", _wp_date(post.date))
    w.field("wp:post_modified_gmt", _gmt(post.date))
    w.field("wp:comment_status", "open")
    w.field("wp:ping_status", "open")
    w.field("wp:post_name", post.slug)
    w.field("wp:status", post.status)
    w.field("wp:post_parent", 0, cdata=False)
    w.field("wp:menu_order", 0, cdata=False)
    w.field("wp:post_type", "post")
    w.field("wp:post_password", post.password)
    w.field("wp:is_sticky", 0, cdata=False)
    slug, name = next(
        (slug, name) for _id, slug, _parent, name in CATEGORIES if slug == post.category
    )
    w(f'\t\t<category domain="category" nicename="{escape(slug)}">{_cdata(name)}</category>')
    if post.index % 4 == 0:  # a second, broader category, as editors often tick
        w('\t\t<category domain="category" nicename="thoi-su"><![CDATA[Thời sự]]></category>')
    for tag in post.tags:
        nicename = quote(tag.lower().replace(" ", "-"))
        w(f'\t\t<category domain="post_tag" nicename="{nicename}">{_cdata(tag)}</category>')
    w.meta("_edit_last", "1")
    if post.featured:
        w.meta("_thumbnail_id", post.featured)
    for comment_id, approved, kind, parent in post.comments:
        name, email = COMMENTERS[comment_id % len(COMMENTERS)]
        when = (post.date or FIRST_POST) + datetime.timedelta(minutes=comment_id % 600)
        w(
            "\t\t<wp:comment>",
            f"\t\t\t<wp:comment_id>{comment_id}</wp:comment_id>",
            f"\t\t\t<wp:comment_author>{_cdata(name)}</wp:comment_author>",
            f"\t\t\t<wp:comment_author_email>{_cdata(email)}</wp:comment_author_email>",
            "\t\t\t<wp:comment_author_url>https://blog.example.vn/</wp:comment_author_url>"
            if kind == "pingback"
            else "\t\t\t<wp:comment_author_url></wp:comment_author_url>",
            "\t\t\t<wp:comment_author_IP>203.113.0.7</wp:comment_author_IP>",
            f"\t\t\t<wp:comment_date>{_cdata(_wp_date(when))}</wp:comment_date>",
            f"\t\t\t<wp:comment_date_gmt>{_cdata(_gmt(when))}</wp:comment_date_gmt>",
            f"\t\t\t<wp:comment_content>{_cdata(f'Bài viết hay, cảm ơn tòa soạn ({comment_id}).')}"
            "</wp:comment_content>",
            f"\t\t\t<wp:comment_approved>{_cdata(approved)}</wp:comment_approved>",
            f"\t\t\t<wp:comment_type>{_cdata(kind)}</wp:comment_type>",
            f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>",
            "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>",
            "\t\t</wp:comment>",
        )
    w("\t</item>")


def _attachment(w, post, att_id, name, uploaded):
    url = f"{SITE}/wp-content/uploads/{name}"
    w("\t<item>")
    w.field("title", f"anh-{att_id}")
    w.field("link", f"{post.link.rstrip('/')}/anh-{att_id}/", cdata=False)
    w.field("pubDate", _rss_date(uploaded), cdata=False)
    w.field("dc:creator", post.author)
    w(f'\t\t<guid isPermaLink="false">{escape(url)}</guid>')
    w.field("content:encoded", "")
    caption = "" if att_id % 3 == 0 else f"Ảnh {att_id}: quang cảnh {PLACES[att_id % 8]}"
    w.field("excerpt:encoded", caption)
    w.field("wp:post_id", att_id, cdata=False)
    w.field("wp:post_date", _wp_date(uploaded))
    w.field("wp:post_date_gmt", _gmt(uploaded))
    w.field("wp:post_name", f"anh-{att_id}")
    w.field("wp:status", "inherit")
    w.field("wp:post_parent", post.wp_id, cdata=False)
    w.field("wp:menu_order", att_id % 10, cdata=False)
    w.field("wp:post_type", "attachment")
    w.field("wp:attachment_url", url)
    w.meta("_wp_attached_file", name)
    if att_id % 4:
        w.meta("_wp_attachment_image_alt", f"Quang cảnh {PLACES[att_id % 8]}")
    w("\t</item>")
