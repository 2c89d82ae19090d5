"""The demo newsroom that ``manage.py seed_demo`` loads: sections, sources, contacts, the
masthead, the two demo accounts and the stories.

Pure data, no database access. Every word was written for this project; the people,
quotes, organisations' statements and figures in the stories are invented for the demo.

Story bodies use a tiny markup, one block per paragraph (blank line between blocks,
line breaks inside a block are spaces): ``## `` starts a sub-heading, ``> `` a quotation
and a block reading ``[figure]`` places the story's captioned body image."""

from dataclasses import dataclass

FIGURE = "[figure]"

PUBLISHED = "published"
SCHEDULED = "scheduled"
IN_REVIEW = "in_review"
DRAFT = "draft"
RETURNED = "returned"
WITHDRAWN = "withdrawn"

REPORTER = "phongvien"
EDITOR = "bientap"


@dataclass(frozen=True)
class SectionData:
    slug: str
    name: str
    description: str
    order: int
    parent: str = ""


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class Picture:
    caption: str
    alt_text: str
    credit: str
    # One of the illustration motifs; empty = the section's.
    motif: str = ""


@dataclass(frozen=True)
class Story:
    """One demo story. ``hours`` places it in time relative to the first run: for published
    and withdrawn stories, how long ago it went live; for scheduled ones, how far ahead it
    will; for the rest, how long ago the reporter last worked on it."""

    title: str
    section: str
    lead: str
    body: str
    tags: tuple
    state: str
    hours: float
    picture: Picture | None = None
    figure: Picture | None = None
    writer: str = REPORTER
    authors: tuple = (REPORTER,)
    byline: str = ""
    source: str = ""
    source_author: str = ""
    home_order: int = 0
    comment: str = ""
    edited_hours_later: float = 0


SECTIONS = [
    SectionData("thoi-su", "Thời sự", "Tin trong nước: đô thị, giao thông, thiên tai.", 1),
    SectionData(
        "khoa-hoc-cong-nghe",
        "Khoa học – Công nghệ",
        "Nghiên cứu, ứng dụng và những người làm khoa học.",
        2,
    ),
    SectionData(
        "cong-nghe-so",
        "Công nghệ số",
        "Ứng dụng, dữ liệu, an toàn thông tin.",
        1,
        parent="khoa-hoc-cong-nghe",
    ),
    SectionData(
        "phat-minh-sang-che",
        "Phát minh – Sáng chế",
        "Sáng kiến, máy móc và giải pháp do người Việt làm ra.",
        2,
        parent="khoa-hoc-cong-nghe",
    ),
    SectionData("moi-truong", "Môi trường", "Khí hậu, nước, rừng, rác thải, năng lượng.", 3),
    SectionData("giao-duc", "Giáo dục", "Trường học, tuyển sinh, người học và người dạy.", 4),
    SectionData("suc-khoe", "Sức khỏe", "Y tế, phòng bệnh, sống khỏe mỗi ngày.", 5),
    SectionData("kinh-te", "Kinh tế", "Nông nghiệp, doanh nghiệp, thị trường.", 6),
    SectionData("van-hoa", "Văn hóa", "Nghệ thuật, di sản, sách và đời sống tinh thần.", 7),
]

# Which illustration a section's generated pictures use, unless a picture says otherwise.
SECTION_MOTIFS = {
    "thoi-su": "skyline",
    "khoa-hoc-cong-nghe": "orbits",
    "cong-nghe-so": "orbits",
    "phat-minh-sang-che": "orbits",
    "moi-truong": "landscape",
    "giao-duc": "landscape",
    "suc-khoe": "waves",
    "kinh-te": "skyline",
    "van-hoa": "waves",
}

# Outlets some stories are taken from: names and sites only.
SOURCES = {
    "TTXVN": "https://vnanet.vn/",
    "vnexpress.net": "https://vnexpress.net/",
    "kienthuc.net.vn": "https://kienthuc.net.vn/",
    "tuoitre.vn": "https://tuoitre.vn/",
}

ACCOUNTS = [
    Account(REPORTER, "reporter", "Trần Thu", "Hà", "phongvien@example.com"),
    Account(EDITOR, "editor", "Lê Quang", "Huy", "bientap@example.com"),
]

# What the author pages say of the demo's people (written fresh, not anyone real).
PROFILES = {
    REPORTER: {
        "job_title": "Phóng viên ban Khoa học - Đời sống",
        "bio": (
            "Viết về y tế cộng đồng, môi trường đô thị và những người làm khoa học ở các "
            "tỉnh phía Bắc. Tốt nghiệp báo chí năm 2016, về tòa soạn từ năm 2019."
        ),
        "public_email": "phongvien@example.com",
    },
    EDITOR: {
        "job_title": "Biên tập viên ban Thời sự",
        "bio": "Phụ trách trang Thời sự và các số chuyên đề cuối tuần.",
    },
}

SITE_SETTINGS = {
    "site_name": "Tòa soạn",
    "tagline": "Tin tức khoa học, đời sống và xã hội",
    "hotline": "0900.100.200",
    "ads_phone": "024.3900.0101",
    "ads_contact": "Ms Ngọc",
    "newsroom_phone": "024.3900.0202",
    "email": "toasoan@example.com",
    "address": "Tầng 6, số 25 phố Trung Hòa, quận Cầu Giấy, Hà Nội",
}

WEATHER = {"weather_city": "Hà Nội", "weather_temperature": 24, "weather_humidity": 68}

# Oldest first; the newest one in effect is the one the site shows.
MASTHEADS = [
    {
        "governing_body": "Hội Truyền thông Khoa học và Đời sống Việt Nam",
        "licence_number": "214/GP-BTTTT",
        "licence_date": "2017-08-22",
        "licence_issuer": "Bộ Thông tin và Truyền thông",
        "editor_in_chief": "Đỗ Minh Khôi",
        "effective_from": "2017-09-01",
    },
    {
        "governing_body": "Hội Truyền thông Khoa học và Đời sống Việt Nam",
        "licence_number": "386/GP-BTTTT",
        "licence_date": "2023-06-12",
        "licence_issuer": "Bộ Thông tin và Truyền thông",
        "editor_in_chief": "Vũ Đức Thịnh",
        "effective_from": "2023-07-01",
    },
]

STORIES = [
    # Thời sự
    Story(
        title="Đà Nẵng chạy thử tuyến xe buýt điện ven biển nối hai đầu thành phố",
        section="thoi-su",
        lead="""Từ sáng nay, tuyến xe buýt điện dài 24 km chạy dọc đường ven biển bắt đầu
        đón khách miễn phí trong một tháng thử nghiệm, trước khi thành phố quyết định giá vé
        và tần suất chính thức.""",
        body="""
        Chuyến đầu tiên rời bến lúc 5h30 với khoảng hai chục hành khách, phần đông là người
        tập thể dục buổi sáng và công nhân đi làm ca sớm. Tuyến có 31 điểm dừng, đi qua các
        bãi tắm, khu dân cư mới và hai bệnh viện lớn.

        Theo đơn vị vận hành, mười xe của tuyến được sạc đầy trong đêm tại bãi đỗ ở phía
        nam thành phố, mỗi lần sạc đủ chạy khoảng 200 km. Xe có sàn thấp và cầu dẫn cho
        người đi xe lăn.

        ## Hành khách muốn xe chạy dày hơn

        Trong ngày đầu, thời gian chờ giữa hai chuyến là 20 phút. Nhiều hành khách góp ý
        rằng vào giờ tan tầm, khoảng cách này còn dài so với nhu cầu đi lại trên trục đường
        ven biển.

        > Tôi bỏ xe máy ở nhà được một tuần thì tốt cho cả mình lẫn thành phố, nhưng xe phải
        đến đúng giờ thì mới bỏ hẳn được.

        Đó là ý kiến của bà Phan Thị Mỹ, một giáo viên về hưu đi tuyến này từ đầu đến cuối
        để "xem cho biết".

        [figure]

        Ban quản lý dự án cho biết sẽ đếm lượt khách theo từng giờ trong tháng thử nghiệm.
        Nếu lượng khách đạt kỳ vọng, tần suất giờ cao điểm có thể rút xuống 12 phút.
        """,
        tags=("Đà Nẵng", "xe buýt điện", "giao thông xanh"),
        state=PUBLISHED,
        hours=3.2,
        picture=Picture(
            caption="Xe buýt điện chờ xuất bến tại điểm đầu tuyến ven biển.",
            alt_text="Chiếc xe buýt điện màu xanh lá đỗ cạnh nhà chờ, phía sau là bãi biển",
            credit="Ảnh: Hoàng Long",
        ),
        figure=Picture(
            caption="Hành khách đầu tiên lên xe lúc 5h30 sáng.",
            alt_text="Hành khách bước lên xe buýt qua cửa sàn thấp",
            credit="Ảnh: Hoàng Long",
        ),
        home_order=1,
    ),
    Story(
        title="Hà Nội thí điểm đèn tín hiệu tự điều chỉnh tại 12 nút giao cửa ngõ",
        section="thoi-su",
        lead="""Hệ thống đèn dùng camera đếm phương tiện để kéo dài hoặc rút ngắn pha xanh
        theo lưu lượng thực tế, thay cho chu kỳ cố định đã dùng nhiều năm.""",
        body="""
        Mười hai nút giao được chọn nằm trên các trục hướng tâm, nơi tình trạng ùn tắc
        thường kéo dài vào buổi sáng thứ Hai và chiều thứ Sáu. Mỗi nút có bốn camera đặt
        trên cột đèn, dữ liệu được xử lý ngay tại tủ điều khiển bên đường.

        ## Không ghi hình biển số

        Đơn vị lắp đặt cho biết camera chỉ đếm và phân loại phương tiện theo kích cỡ,
        không lưu hình ảnh và không nhận diện biển số. Số liệu tổng hợp được gửi về trung
        tâm điều hành mỗi năm phút.

        > Mục tiêu của đợt thí điểm là giảm thời gian chờ vô ích ở những hướng vắng xe,
        chứ không phải thêm một lớp giám sát.

        Trong ba tháng thí điểm, kỹ sư sẽ so sánh thời gian đi qua nút giao trước và sau khi
        lắp hệ thống. Người dân có thể phản ánh về pha đèn bất hợp lý qua đường dây nóng
        của thành phố.
        """,
        tags=("Hà Nội", "giao thông", "đô thị thông minh"),
        state=PUBLISHED,
        hours=20.5,
        picture=Picture(
            caption="Tủ điều khiển đèn tín hiệu mới tại một nút giao cửa ngõ.",
            alt_text="Cột đèn giao thông gắn camera nhỏ bên trên ngã tư đông xe máy",
            credit="Ảnh minh họa: Tòa soạn",
        ),
        writer=EDITOR,
        authors=(),
        byline="Thanh Tùng",
        source="TTXVN",
        source_author="Thanh Tùng",
    ),
    Story(
        title="Miền Trung chủ động phương án ứng phó đợt mưa lớn cuối tuần",
        section="thoi-su",
        lead="""Các tỉnh từ Quảng Bình đến Quảng Ngãi rà soát khu dân cư ven sông, vùng
        trũng và các hồ chứa nhỏ trước dự báo mưa lớn kéo dài từ tối thứ Sáu.""",
        body="""
        Cơ quan khí tượng dự báo lượng mưa phổ biến từ 150 đến 300 mm, có nơi cao hơn ở
        vùng núi. Nguy cơ ngập úng tại vùng trũng và sạt lở đất ở sườn dốc được đánh giá
        ở mức cao.

        Chính quyền nhiều xã đã lập danh sách hộ cần di dời khi mưa vượt ngưỡng, ưu tiên
        người già, trẻ nhỏ và người khuyết tật. Nhà văn hóa và trường học kiên cố được chuẩn
        bị làm nơi tạm trú.

        ## Hồ chứa nhỏ là điểm cần theo dõi

        Những hồ thủy lợi nhỏ do xã quản lý thường thiếu thiết bị đo mực nước tự động.
        Lực lượng xung kích được phân công trực tại đập trong suốt thời gian mưa.

        > Bà con đừng vượt tràn, đừng đi đánh cá lúc nước lên. Tài sản mất còn làm lại
        được, người thì không.

        Lời nhắc ấy được phát đi nhiều lần trên loa truyền thanh của các thôn ven sông.
        Tòa soạn sẽ cập nhật diễn biến mưa lũ trong suốt cuối tuần.

        [figure]
        """,
        tags=("mưa lũ", "miền Trung", "phòng chống thiên tai"),
        state=PUBLISHED,
        hours=30.1,
        picture=Picture(
            caption="Mây đen kéo đến trên cánh đồng ven sông chiều thứ Năm.",
            alt_text="Bầu trời nhiều mây đen phía trên cánh đồng và con sông",
            credit="Ảnh: Quốc Việt",
            motif="landscape",
        ),
        figure=Picture(
            caption="Lực lượng xung kích kiểm tra thân đập một hồ chứa nhỏ.",
            alt_text="Hai người mặc áo mưa đứng trên bờ đập nhìn xuống mặt hồ",
            credit="Ảnh: Quốc Việt",
            motif="waves",
        ),
        authors=(REPORTER, EDITOR),
        byline="Nhóm PV",
        edited_hours_later=4,
    ),
    Story(
        title="Cần Thơ đưa vào sử dụng cầu đi bộ mới bên bến sông",
        section="thoi-su",
        lead="""Cây cầu dài 180 mét dành riêng cho người đi bộ và xe đạp nối hai khu dân cư
        bên sông, rút ngắn quãng đường vòng gần ba cây số.""",
        body="""
        Cầu có mặt cắt cong nhẹ, lan can thấp đủ để người đi bộ ngắm sông và đèn chiếu sáng
        đặt sát mặt sàn để không làm chói mắt người lái tàu ban đêm.

        ## Từ ý kiến của người dân

        Ý tưởng xây cầu xuất phát từ những cuộc họp tổ dân phố, nơi học sinh và người bán
        hàng rong nhiều lần kể chuyện phải chờ đò hoặc đi vòng qua cầu lớn.

        > Con tôi đi học chỉ mất mười phút thay vì nửa tiếng như trước.

        Thành phố cho biết cầu sẽ được bảo trì định kỳ và cấm xe máy đi lên để giữ an toàn
        cho người đi bộ.
        """,
        tags=("Cần Thơ", "đô thị", "cầu đi bộ"),
        state=SCHEDULED,
        hours=2,
        picture=Picture(
            caption="Cầu đi bộ mới nhìn từ bờ sông lúc hoàng hôn.",
            alt_text="Cây cầu cong mảnh bắc qua con sông rộng lúc chiều tà",
            credit="Ảnh: Ngọc Trâm",
        ),
    ),
    Story(
        title="Hải Phòng vận hành trung tâm điều hành giao thông mới",
        section="thoi-su",
        lead="""Trung tâm theo dõi hình ảnh từ hơn 300 camera trên các tuyến chính và có thể
        điều chỉnh đèn tín hiệu từ xa khi có sự cố.""",
        body="""
        Màn hình lớn của trung tâm hiển thị bản đồ lưu lượng theo thời gian thực. Khi một
        tuyến bị ùn ứ, nhân viên trực có thể đổi pha đèn ở các nút lân cận để giải tỏa.

        ## Phối hợp với lực lượng tại hiện trường

        Thông tin về tai nạn hoặc xe hỏng được chuyển ngay cho tổ tuần tra gần nhất, giúp
        rút ngắn thời gian xử lý.

        > Nhìn thấy sớm thì xử lý sớm, đó là toàn bộ ý nghĩa của một trung tâm như thế này.

        Trong giai đoạn đầu, trung tâm hoạt động từ 6h đến 22h hằng ngày.
        """,
        tags=("Hải Phòng", "giao thông", "đô thị thông minh"),
        state=IN_REVIEW,
        hours=5,
        picture=Picture(
            caption="Nhân viên trực tại trung tâm điều hành giao thông.",
            alt_text="Phòng điều hành với nhiều màn hình hiển thị bản đồ và camera",
            credit="Ảnh: Minh Đức",
        ),
    ),
    # Khoa học – Công nghệ
    Story(
        title="Nhóm nhà khoa học trẻ giải mã gen giống lúa chịu mặn bản địa",
        section="khoa-hoc-cong-nghe",
        lead="""Một nhóm nghiên cứu gồm những nhà khoa học dưới 35 tuổi đã giải trình tự
        toàn bộ hệ gen của một giống lúa mùa địa phương chịu được nước lợ, mở đường cho việc
        lai tạo giống mới cho vùng ven biển.""",
        body="""
        Giống lúa này được nông dân một số xã ven biển gieo trồng qua nhiều thế hệ, hạt nhỏ,
        năng suất không cao nhưng sống được khi độ mặn của nước trong ruộng tăng lên vào
        cuối mùa khô.

        Nhóm nghiên cứu đã thu mẫu tại ba địa phương, giải trình tự và so sánh với các giống
        lúa phổ biến để tìm những vùng gen liên quan đến khả năng chịu mặn.

        ## Từ phòng thí nghiệm ra đồng ruộng

        Các nhà khoa học cho biết bước tiếp theo là dùng chỉ thị phân tử để chọn lọc những
        dòng lai vừa giữ được tính chịu mặn, vừa cho năng suất và chất lượng gạo tốt hơn.

        > Nông dân đã giữ giống lúa này hàng trăm năm. Việc của chúng tôi là đọc được điều
        họ đã biết từ lâu và đưa nó vào những giống mới.

        TS. Nguyễn Hải Yến, trưởng nhóm nghiên cứu, nói rằng dữ liệu hệ gen sẽ được công bố
        để các phòng thí nghiệm khác cùng sử dụng.

        [figure]

        Dự kiến các dòng lai đầu tiên sẽ được trồng thử trên đồng ruộng sau hai vụ nữa.
        """,
        tags=("lúa chịu mặn", "di truyền", "nhà khoa học trẻ", "biến đổi khí hậu"),
        state=PUBLISHED,
        hours=26.4,
        picture=Picture(
            caption="Những bông lúa chín của giống lúa mùa chịu mặn.",
            alt_text="Cận cảnh bông lúa chín vàng trên ruộng ven biển",
            credit="Ảnh: Hải Yến",
            motif="landscape",
        ),
        figure=Picture(
            caption="Các thành viên nhóm nghiên cứu chuẩn bị mẫu trong phòng thí nghiệm.",
            alt_text="Nhà nghiên cứu đeo găng tay đặt ống mẫu vào máy giải trình tự",
            credit="Ảnh: Hải Yến",
        ),
        home_order=2,
    ),
    Story(
        title="Hội thảo bàn cách đưa kết quả nghiên cứu vào sản xuất",
        section="khoa-hoc-cong-nghe",
        lead="""Các nhà khoa học và doanh nghiệp cùng chỉ ra những điểm nghẽn khiến nhiều
        đề tài dừng lại ở báo cáo nghiệm thu, và đề xuất cách làm mới để kết nối hai bên.""",
        body="""
        Hội thảo thu hút hơn một trăm đại biểu từ các viện nghiên cứu, trường đại học và
        doanh nghiệp vừa và nhỏ. Nhiều ý kiến cho rằng nhà khoa học thường chọn đề tài theo
        hướng học thuật, trong khi doanh nghiệp cần giải pháp cho những bài toán rất cụ thể.

        ## Đặt hàng từ đầu

        Một số đại biểu đề xuất doanh nghiệp tham gia ngay từ khâu xây dựng đề tài, cùng
        góp kinh phí và cùng chia sẻ quyền sở hữu kết quả.

        > Khi doanh nghiệp bỏ tiền ra từ đầu, họ sẽ đi cùng đề tài đến cuối, và nhà khoa học
        cũng biết sản phẩm của mình sẽ đi đâu.

        Các đại biểu cũng kiến nghị đơn giản hóa thủ tục thanh toán kinh phí đề tài và có cơ
        chế chấp nhận rủi ro trong nghiên cứu.
        """,
        tags=("chuyển giao công nghệ", "doanh nghiệp", "hội thảo"),
        state=PUBLISHED,
        hours=50.3,
        picture=Picture(
            caption="Quang cảnh hội thảo.",
            alt_text="Hội trường đông đại biểu, phía trước là màn chiếu",
            credit="Ảnh: Bảo Châu",
        ),
        writer=EDITOR,
        authors=(),
        byline="Bảo Châu",
        source="kienthuc.net.vn",
        source_author="Bảo Châu",
    ),
    Story(
        title="Ứng dụng trợ lý giọng nói tiếng Việt cho người cao tuổi thử nghiệm tại 5 phường",
        section="cong-nghe-so",
        lead="""Người cao tuổi có thể hỏi lịch tiêm, gọi con cháu hay nghe tin tức bằng giọng
        nói, kể cả giọng địa phương, mà không cần thao tác trên màn hình cảm ứng.""",
        body="""
        Ứng dụng do một nhóm kỹ sư trong nước phát triển, chạy trên điện thoại phổ thông và
        loa thông minh giá rẻ. Người dùng chỉ cần gọi tên trợ lý rồi nói yêu cầu.

        Trong giai đoạn thử nghiệm, hơn 400 cụ ông, cụ bà ở năm phường được cán bộ hội người
        cao tuổi hướng dẫn cài đặt và sử dụng.

        ## Hiểu giọng ba miền

        Thách thức lớn nhất là nhận diện đúng giọng nói của người lớn tuổi, thường chậm,
        nhỏ và mang đậm phương ngữ. Nhóm phát triển đã thu thập thêm dữ liệu giọng nói có sự
        đồng ý của người tham gia để huấn luyện lại mô hình.

        > Tôi nói "gọi thằng Tư" là nó gọi đúng con trai tôi ở Sài Gòn. Vậy là được rồi.

        [figure]

        Nhóm phát triển cho biết dữ liệu giọng nói được xử lý ẩn danh và người dùng có thể
        yêu cầu xóa bất cứ lúc nào.
        """,
        tags=("trí tuệ nhân tạo", "người cao tuổi", "nhận dạng giọng nói"),
        state=PUBLISHED,
        hours=8.6,
        picture=Picture(
            caption="Một cụ bà dùng trợ lý giọng nói để gọi điện cho con.",
            alt_text="Người phụ nữ lớn tuổi cầm điện thoại nói chuyện gần micro",
            credit="Ảnh: Thu Hà",
        ),
        figure=Picture(
            caption="Cán bộ hội người cao tuổi hướng dẫn cài đặt ứng dụng.",
            alt_text="Một phụ nữ trẻ chỉ cho ông cụ cách dùng điện thoại",
            credit="Ảnh: Thu Hà",
        ),
    ),
    Story(
        title="Cảnh giác với tin nhắn giả mạo ngân hàng dịp cuối năm",
        section="cong-nghe-so",
        lead="""Tin nhắn báo "tài khoản bị khóa" kèm đường link lạ tiếp tục là cách kẻ gian
        dùng nhiều nhất để chiếm đoạt tiền của người dùng trong những tuần mua sắm cuối năm.""",
        body="""
        Các chuyên gia an toàn thông tin cho biết tin nhắn lừa đảo ngày càng giống thật, có
        thể hiện cùng chuỗi tin nhắn với ngân hàng thật do kẻ gian dùng thiết bị phát sóng
        giả.

        ## Ba điều cần nhớ

        Ngân hàng không bao giờ gửi đường link yêu cầu đăng nhập qua tin nhắn. Không cung cấp
        mã OTP cho bất kỳ ai, kể cả người xưng là nhân viên ngân hàng. Khi nghi ngờ, hãy gọi
        tổng đài in trên mặt sau thẻ.

        > Một giây bấm vội vào đường link có thể mất cả tháng lương. Dừng lại và kiểm tra
        không bao giờ là thừa.

        Người dùng nên cài đặt ứng dụng ngân hàng từ kho ứng dụng chính thức và bật thông
        báo biến động số dư để phát hiện sớm giao dịch lạ.
        """,
        tags=("lừa đảo trực tuyến", "an toàn thông tin", "ngân hàng"),
        state=PUBLISHED,
        hours=60.2,
        picture=Picture(
            caption="Tin nhắn giả mạo thường kèm đường link rút gọn.",
            alt_text="Màn hình điện thoại hiển thị tin nhắn có đường link đáng ngờ",
            credit="Ảnh minh họa: Tòa soạn",
        ),
        writer=EDITOR,
        authors=(EDITOR,),
        source="vnexpress.net",
        source_author="Minh Khang",
    ),
    Story(
        title="Nền tảng dịch tự động tiếng dân tộc thiểu số ra mắt bản thử nghiệm",
        section="cong-nghe-so",
        lead="""Phiên bản đầu tiên hỗ trợ dịch văn bản giữa tiếng Việt với tiếng Tày, tiếng
        Thái và tiếng Khmer, hướng tới cán bộ cơ sở và giáo viên vùng cao.""",
        body="""
        Nhóm phát triển làm việc với giáo viên và nghệ nhân người dân tộc thiểu số trong
        hơn hai năm để xây dựng kho câu song ngữ, phần lớn lấy từ tài liệu tuyên truyền và
        sách giáo khoa địa phương.

        ## Cần thêm người góp dữ liệu

        Chất lượng bản dịch còn hạn chế với câu dài và thuật ngữ chuyên ngành. Nền tảng cho
        phép người dùng sửa bản dịch để cải thiện mô hình.

        > Ngôn ngữ còn được dùng trên máy tính, trên điện thoại thì còn được người trẻ dùng.

        Bản thử nghiệm được cung cấp miễn phí cho trường học và cơ quan nhà nước.
        """,
        tags=("trí tuệ nhân tạo", "ngôn ngữ dân tộc thiểu số", "dịch máy"),
        state=SCHEDULED,
        hours=24,
        picture=Picture(
            caption="Giáo viên vùng cao thử dùng nền tảng dịch tự động.",
            alt_text="Cô giáo ngồi trước máy tính xách tay trong lớp học vùng cao",
            credit="Ảnh: Lò Văn Sơn",
        ),
        figure=Picture(
            caption="Giao diện nền tảng với ba ngôn ngữ đầu tiên.",
            alt_text="Ảnh chụp màn hình ô nhập văn bản và bản dịch song song",
            credit="Ảnh minh họa: Tòa soạn",
        ),
        authors=(REPORTER, EDITOR),
    ),
    Story(
        title="Kỹ sư trẻ chế tạo máy sấy nông sản dùng năng lượng mặt trời",
        section="phat-minh-sang-che",
        lead="""Chiếc máy kết hợp tấm thu nhiệt mặt trời với quạt chạy pin giúp nông dân sấy
        chuối, xoài và ớt sạch hơn, nhanh hơn phơi ngoài trời mà gần như không tốn tiền điện.""",
        body="""
        Ý tưởng đến khi người kỹ sư 28 tuổi về quê và thấy mẹ mình phải che đậy nong chuối
        mỗi lần trời đổ mưa. Sau gần một năm thử nghiệm, anh hoàn thiện mẫu máy có buồng sấy
        bằng khung nhôm và kính cường lực.

        ## Giá thành là bài toán khó nhất

        Mẫu đầu tiên có giá gần bằng một chiếc xe máy, quá cao với nông hộ nhỏ. Anh thay vật
        liệu, đơn giản hóa thiết kế và chia sẻ bản vẽ để thợ địa phương có thể tự làm.

        > Tôi muốn máy được làm ra ở chính làng mình, sửa được ở chính làng mình.

        [figure]

        Hiện đã có hơn 60 máy được lắp đặt tại ba huyện. Một hợp tác xã đang đặt làm loại máy
        lớn hơn để sấy cà phê.
        """,
        tags=("năng lượng mặt trời", "sáng chế", "nông nghiệp", "khởi nghiệp"),
        state=PUBLISHED,
        hours=75.4,
        picture=Picture(
            caption="Máy sấy năng lượng mặt trời đặt trên sân một nông hộ.",
            alt_text="Buồng sấy khung nhôm mặt kính đặt giữa sân, bên trong có khay chuối",
            credit="Ảnh: Trung Kiên",
            motif="landscape",
        ),
        figure=Picture(
            caption="Chuối sấy sau hai ngày nắng.",
            alt_text="Khay chuối sấy vàng nâu xếp đều trên lưới inox",
            credit="Ảnh: Trung Kiên",
        ),
    ),
    Story(
        title="Sinh viên chế tạo thuyền robot vớt rác trên mặt hồ",
        section="phat-minh-sang-che",
        lead="""Chiếc thuyền nhỏ chạy bằng pin, tự đi theo lộ trình định sẵn và gom rác nổi
        vào khoang chứa, có thể làm việc liên tục ba giờ mỗi lần sạc.""",
        body="""
        Nhóm bốn sinh viên ngành cơ điện tử bắt đầu dự án từ một buổi tình nguyện dọn rác ở
        hồ gần trường. Họ nhận ra phần lớn rác là túi nilon và chai nhựa trôi dạt vào góc hồ.

        ## Camera nhận diện rác

        Thuyền dùng camera và mô hình nhận diện hình ảnh để phân biệt rác với lá cây, tránh
        vớt nhầm sinh vật.

        > Chúng em muốn làm thứ gì đó nhìn thấy được kết quả ngay, mỗi ngày.

        Nhóm đang tìm kinh phí để làm phiên bản lớn hơn cho kênh thoát nước đô thị.
        """,
        tags=("robot", "sinh viên", "rác thải nhựa"),
        state=IN_REVIEW,
        hours=9,
        picture=Picture(
            caption="Thuyền robot chạy thử trên mặt hồ.",
            alt_text="Chiếc thuyền nhỏ màu trắng có camera phía trước lướt trên mặt hồ",
            credit="Ảnh: Thu Hà",
            motif="waves",
        ),
    ),
    # Môi trường
    Story(
        title="Đồng bằng sông Cửu Long trước mùa khô: nông dân chủ động trữ nước ngọt",
        section="moi-truong",
        lead="""Nhiều hộ đã nạo vét ao, lót bạt ruộng trũng và xuống giống sớm để tránh đợt
        xâm nhập mặn được dự báo đến sớm hơn trung bình nhiều năm.""",
        body="""
        Ở các xã ven biển, câu chuyện trữ nước ngọt giờ là việc của mỗi nhà chứ không chỉ
        trông vào công trình thủy lợi. Bồn chứa, ao trữ và túi nhựa dung tích lớn xuất hiện
        ở khắp các sân nhà.

        Cán bộ nông nghiệp khuyến cáo nông dân theo dõi bản tin độ mặn hằng ngày, chỉ lấy
        nước vào ruộng khi độ mặn dưới ngưỡng an toàn cho cây trồng.

        ## Chuyển đổi cây trồng

        Một số hộ chuyển phần ruộng lúa thường xuyên bị mặn sang nuôi tôm kết hợp trồng lúa,
        hoặc trồng rau màu ngắn ngày ít cần nước.

        > Năm nào mặn cũng vô, mình không chống lại được thì phải sống chung cho khéo.

        Ông Tư Lực, một nông dân ở huyện ven biển, nói như vậy khi chỉ cho phóng viên chiếc
        ao mới đào sau nhà.

        [figure]

        Ngành nông nghiệp các tỉnh cho biết sẽ vận hành cống ngăn mặn theo thời gian thực
        và thông báo lịch đóng mở cho người dân.
        """,
        tags=("xâm nhập mặn", "đồng bằng sông Cửu Long", "biến đổi khí hậu", "nông nghiệp"),
        state=PUBLISHED,
        hours=14.7,
        picture=Picture(
            caption="Ao trữ nước ngọt mới đào sau nhà một nông hộ.",
            alt_text="Ao nước lót bạt đen bên cạnh vườn dừa",
            credit="Ảnh: Ngọc Trâm",
        ),
        figure=Picture(
            caption="Cống ngăn mặn trên một kênh nội đồng.",
            alt_text="Cống bê tông có cửa van chắn ngang dòng kênh",
            credit="Ảnh: Ngọc Trâm",
            motif="waves",
        ),
        home_order=3,
    ),
    Story(
        title="Điện mặt trời mái nhà: hộ gia đình cần biết gì trước khi lắp đặt",
        section="moi-truong",
        lead="""Chi phí tấm pin đã giảm nhiều, nhưng để hệ thống chạy hiệu quả và an toàn,
        người dân cần tính kỹ hướng mái, kết cấu nhà và nhu cầu dùng điện ban ngày.""",
        body="""
        Một hệ thống cho hộ gia đình thường có công suất từ 3 đến 10 kWp. Với nhà dùng nhiều
        điện vào buổi trưa, như có điều hòa hoặc cửa hàng nhỏ, thời gian hoàn vốn sẽ ngắn hơn.

        ## Kiểm tra mái trước

        Mái tôn cũ, xà gồ yếu cần được gia cố trước khi lắp tấm pin. Hướng mái về phía nam
        cho sản lượng tốt nhất, nhưng hướng đông và tây vẫn dùng được.

        > Đừng chọn nhà thầu chỉ vì giá rẻ. Hỏi rõ bảo hành tấm pin, bảo hành biến tần và ai
        sẽ đến khi hệ thống hỏng.

        [figure]

        Người dân cũng nên hỏi điện lực địa phương về thủ tục đấu nối trước khi ký hợp đồng
        lắp đặt.
        """,
        tags=("năng lượng tái tạo", "điện mặt trời", "tiết kiệm điện"),
        state=PUBLISHED,
        hours=98.5,
        picture=Picture(
            caption="Tấm pin mặt trời trên mái một ngôi nhà phố.",
            alt_text="Các tấm pin năng lượng mặt trời xếp hàng trên mái tôn",
            credit="Ảnh: Minh Đức",
            motif="skyline",
        ),
        figure=Picture(
            caption="Kỹ thuật viên kiểm tra biến tần sau khi lắp đặt.",
            alt_text="Người thợ đội mũ bảo hộ đứng cạnh hộp biến tần gắn tường",
            credit="Ảnh: Minh Đức",
        ),
        writer=EDITOR,
        authors=(EDITOR,),
    ),
    Story(
        title="Rừng ngập mặn ven biển được trồng mới 40 ha sau một năm",
        section="moi-truong",
        lead="""Những dải đước, bần mới trồng đã bắt đầu giữ được phù sa, giảm sóng đánh vào
        bờ và là nơi sinh sống của cua, cá con.""",
        body="""
        Dự án huy động người dân địa phương ươm cây, trồng và chăm sóc, trả công theo tỷ lệ
        cây sống sau sáu tháng thay vì theo số cây trồng.

        ## Cách trả công khác đi

        Cách làm này khiến người trồng quan tâm đến từng cây, dặm lại ngay những cây chết
        do sóng và hà bám.

        > Trồng một cây thì dễ, giữ cho nó sống qua mùa gió chướng mới khó.

        Tỷ lệ cây sống đạt gần 80%, cao hơn nhiều so với các đợt trồng trước. Các nhà khoa
        học sẽ theo dõi tốc độ bồi lắng trong ba năm tới.
        """,
        tags=("rừng ngập mặn", "biến đổi khí hậu", "bảo vệ bờ biển"),
        state=PUBLISHED,
        hours=130.2,
        picture=Picture(
            caption="Dải rừng ngập mặn mới trồng khi nước ròng.",
            alt_text="Hàng cây đước non mọc trên bãi bùn ven biển",
            credit="Ảnh: Quốc Việt",
        ),
        writer=EDITOR,
        authors=(),
        byline="Hồng Nhung",
        source="TTXVN",
        source_author="Hồng Nhung",
    ),
    Story(
        title="Phân loại rác tại nguồn: những khu dân cư đi trước",
        section="moi-truong",
        lead="""Ở một số khu phố, rác hữu cơ được ủ thành phân bón cho vườn rau chung, còn
        rác tái chế được bán lấy tiền cho quỹ khuyến học.""",
        body="""
        Mỗi hộ được phát hai thùng rác khác màu. Tổ trưởng tổ dân phố kiểm tra định kỳ và
        nhắc nhở những nhà chưa phân loại đúng.

        ## Vườn rau từ rác bếp

        Rác hữu cơ được ủ trong thùng kín ở góc công viên, sau ba tháng thành phân bón cho
        vườn rau do các cụ trong khu phố chăm sóc.

        > Ban đầu ai cũng ngại, giờ thì nhà nào cũng tự giác.

        Mô hình đang được giới thiệu cho các phường lân cận.
        """,
        tags=("rác thải", "phân loại rác", "cộng đồng"),
        state=WITHDRAWN,
        hours=110.3,
        picture=Picture(
            caption="Hai thùng rác phân loại trước cửa một hộ dân.",
            alt_text="Thùng rác màu xanh và màu cam đặt cạnh nhau trước cửa nhà",
            credit="Ảnh: Thu Hà",
        ),
        comment="""Số liệu về lượng rác giảm ở đoạn đầu chưa được tổ dân phố xác nhận; gỡ bài
        để kiểm tra lại với phường.""",
    ),
    # Giáo dục
    Story(
        title="Đại học vùng đưa học phần trí tuệ nhân tạo vào chương trình năm nhất",
        section="giao-duc",
        lead="""Từ năm học tới, sinh viên mọi ngành, kể cả sư phạm và nông nghiệp, sẽ học
        một học phần bắt buộc về cách dùng công cụ trí tuệ nhân tạo một cách có trách nhiệm.""",
        body="""
        Học phần gồm 30 tiết, chia đều giữa lý thuyết và thực hành. Sinh viên học cách đặt
        câu hỏi cho công cụ, kiểm tra thông tin và nhận biết khi nào câu trả lời có thể sai.

        ## Liêm chính học thuật

        Một phần ba thời lượng dành cho các tình huống về đạo văn, trích dẫn nguồn và quyền
        riêng tư dữ liệu.

        > Cấm thì không cấm được. Tốt hơn là dạy các em dùng cho đúng và biết giới hạn của nó.

        [figure]

        Giảng viên của học phần được tập huấn trong dịp hè. Nhà trường cho biết sẽ lấy ý kiến
        sinh viên sau học kỳ đầu để điều chỉnh nội dung.
        """,
        tags=("đại học", "trí tuệ nhân tạo", "chương trình đào tạo"),
        state=PUBLISHED,
        hours=36.8,
        picture=Picture(
            caption="Sinh viên năm nhất trong giờ thực hành tại phòng máy.",
            alt_text="Sinh viên ngồi thành hàng trước máy tính trong phòng thực hành",
            credit="Ảnh: Bảo Châu",
        ),
        figure=Picture(
            caption="Một giờ thảo luận về trích dẫn nguồn.",
            alt_text="Giảng viên đứng cạnh bảng trắng, sinh viên giơ tay phát biểu",
            credit="Ảnh: Bảo Châu",
        ),
        writer=EDITOR,
        authors=(REPORTER, EDITOR),
    ),
    Story(
        title="Hơn 500 chiếc xe đạp đến với học sinh vùng cao",
        section="giao-duc",
        lead="""Những chiếc xe đạp mới giúp học sinh ở các bản xa rút ngắn quãng đường đi bộ
        hàng giờ đến trường, nhất là trong mùa mưa.""",
        body="""
        Chương trình do một nhóm thiện nguyện vận động từ các doanh nghiệp và cá nhân trong
        suốt ba tháng. Các em được chọn dựa trên khoảng cách từ nhà đến trường và hoàn cảnh
        gia đình.

        ## Kèm theo mũ bảo hiểm và buổi học an toàn

        Mỗi chiếc xe được tặng kèm mũ bảo hiểm. Trước khi nhận xe, các em học một buổi về an
        toàn khi đi trên đường đèo dốc.

        > Trước em phải dậy từ 5 giờ. Giờ có xe, em ngủ thêm được một chút.

        [figure]

        Nhóm thiện nguyện cho biết sẽ quay lại sau một năm để kiểm tra và sửa chữa xe.
        """,
        tags=("học sinh vùng cao", "thiện nguyện", "đến trường"),
        state=PUBLISHED,
        hours=85.1,
        picture=Picture(
            caption="Học sinh nhận xe đạp mới tại sân trường.",
            alt_text="Nhóm học sinh đứng cạnh hàng xe đạp mới màu xanh dương",
            credit="Ảnh: Lò Văn Sơn",
            motif="landscape",
        ),
        figure=Picture(
            caption="Con đường đến trường của các em sau cơn mưa.",
            alt_text="Con đường đất quanh co trên sườn đồi, hai bên là ruộng bậc thang",
            credit="Ảnh: Lò Văn Sơn",
        ),
        authors=(REPORTER,),
        byline="Nhóm PV",
    ),
    Story(
        title="Ôn thi tốt nghiệp: chuyên gia khuyên học sinh giữ nhịp ngủ đều",
        section="giao-duc",
        lead="""Thức khuya ôn bài dồn dập trong những tuần cuối có thể làm giảm khả năng ghi
        nhớ, theo lời khuyên của các chuyên gia tâm lý học đường.""",
        body="""
        Giấc ngủ giúp não bộ củng cố những gì đã học trong ngày. Học sinh ngủ ít hơn sáu tiếng
        mỗi đêm thường khó tập trung và dễ căng thẳng.

        ## Lịch ôn tập vừa sức

        Chuyên gia khuyên chia nhỏ thời gian ôn, xen kẽ các môn và dành thời gian vận động
        nhẹ mỗi ngày.

        > Một buổi tối ngủ đủ có giá trị hơn hai giờ học thêm khi đầu óc đã mệt.

        [figure]

        Phụ huynh được khuyên tránh tạo áp lực bằng so sánh, thay vào đó quan tâm đến bữa ăn
        và giấc ngủ của con.
        """,
        tags=("thi tốt nghiệp", "sức khỏe tâm thần", "học sinh"),
        state=PUBLISHED,
        hours=150.6,
        picture=Picture(
            caption="Học sinh ôn bài tại thư viện trường.",
            alt_text="Hai học sinh cúi đầu đọc sách bên bàn gỗ trong thư viện",
            credit="Ảnh: Ngọc Trâm",
        ),
        figure=Picture(
            caption="Một buổi tư vấn tâm lý trước kỳ thi.",
            alt_text="Chuyên gia tư vấn nói chuyện với nhóm học sinh ngồi thành vòng tròn",
            credit="Ảnh minh họa: Tòa soạn",
        ),
    ),
    Story(
        title="Thư viện trường học mở cửa cuối tuần cho cả phụ huynh",
        section="giao-duc",
        lead="""Vào sáng thứ Bảy, phụ huynh có thể cùng con đến thư viện trường đọc sách và
        mượn sách về nhà.""",
        body="""
        Thư viện do các giáo viên thay phiên trực. Một phần sách được phụ huynh quyên góp.

        ## Bản nháp

        Cần bổ sung ý kiến của hiệu trưởng và số lượt mượn sách sau tháng đầu.
        """,
        tags=("thư viện", "văn hóa đọc"),
        state=DRAFT,
        hours=30,
        picture=Picture(
            caption="Phụ huynh và học sinh đọc sách tại thư viện sáng thứ Bảy.",
            alt_text="Mẹ và con gái ngồi trên thảm đọc chung một cuốn truyện",
            credit="Ảnh: Thu Hà",
        ),
    ),
    # Sức khỏe
    Story(
        title="Nắng nóng kéo dài: bác sĩ nhắc người cao tuổi uống nước đúng cách",
        section="suc-khoe",
        lead="""Người cao tuổi thường ít cảm thấy khát nên dễ mất nước mà không biết. Bác sĩ
        khuyên uống từng ngụm nhỏ, đều đặn trong ngày thay vì chờ đến khi khát.""",
        body="""
        Những ngày nhiệt độ ngoài trời vượt 37 độ C, số người cao tuổi đến khám vì mệt mỏi,
        chóng mặt và tụt huyết áp tăng rõ tại nhiều phòng khám.

        ## Dấu hiệu cần chú ý

        Nước tiểu sẫm màu, môi khô, lú lẫn hoặc chuột rút là những dấu hiệu của mất nước.
        Người có bệnh tim, thận cần hỏi bác sĩ về lượng nước phù hợp.

        > Đừng để ông bà phải tự nhớ uống nước. Đặt sẵn một bình nước trong tầm tay và nhắc
        nhau mỗi giờ.

        [figure]

        Bác sĩ cũng khuyên hạn chế ra ngoài từ 11 giờ đến 15 giờ và mặc quần áo sáng màu,
        rộng rãi.
        """,
        tags=("nắng nóng", "người cao tuổi", "phòng bệnh"),
        state=PUBLISHED,
        hours=5.4,
        picture=Picture(
            caption="Bình nước đặt sẵn trên bàn cho người cao tuổi.",
            alt_text="Bình nước thủy tinh và chiếc cốc trên bàn gỗ cạnh cửa sổ",
            credit="Ảnh: Minh Đức",
        ),
        figure=Picture(
            caption="Bác sĩ đo huyết áp cho một cụ ông tại phòng khám.",
            alt_text="Bác sĩ mặc áo blouse quấn máy đo huyết áp lên tay ông cụ",
            credit="Ảnh: Minh Đức",
        ),
        home_order=4,
    ),
    Story(
        title="Đi bộ 30 phút mỗi ngày: lợi ích được nhiều nghiên cứu ghi nhận",
        section="suc-khoe",
        lead="""Không cần phòng tập hay dụng cụ đắt tiền, đi bộ nhanh đều đặn giúp cải thiện
        sức khỏe tim mạch, giấc ngủ và tâm trạng.""",
        body="""
        Các khuyến cáo về vận động thể lực cho người trưởng thành thường nhắc tới mốc 150 phút
        vận động vừa phải mỗi tuần, tương đương 30 phút mỗi ngày trong năm ngày.

        ## Bắt đầu từ ít

        Người mới bắt đầu có thể chia thành ba lần mười phút. Điều quan trọng là đều đặn,
        không phải cố sức.

        > Đôi giày vừa chân và một người bạn đi cùng là hai thứ giúp duy trì thói quen tốt nhất.

        Người có bệnh mạn tính nên hỏi ý kiến bác sĩ trước khi tăng cường độ vận động.
        """,
        tags=("vận động", "tim mạch", "sống khỏe"),
        state=PUBLISHED,
        hours=70.9,
        picture=Picture(
            caption="Người dân đi bộ buổi sáng quanh hồ.",
            alt_text="Nhiều người đi bộ trên con đường ven hồ lúc sáng sớm",
            credit="Ảnh minh họa: Tòa soạn",
            motif="landscape",
        ),
        writer=EDITOR,
        authors=(),
        byline="Lan Phương",
        source="kienthuc.net.vn",
        source_author="Lan Phương",
    ),
    Story(
        title="Bệnh viện tuyến tỉnh triển khai đặt lịch khám qua tổng đài",
        section="suc-khoe",
        lead="""Người bệnh có thể gọi điện đặt giờ khám trước, giảm thời gian chờ đợi vốn kéo
        dài cả buổi sáng tại khu khám bệnh.""",
        body="""
        Tổng đài hoạt động từ 7 giờ đến 17 giờ các ngày trong tuần. Người gọi được hẹn khung
        giờ khám cụ thể và nhận tin nhắn nhắc lịch trước một ngày.

        ## Ưu tiên người không dùng điện thoại thông minh

        Bệnh viện chọn tổng đài thay vì chỉ làm ứng dụng vì nhiều người bệnh lớn tuổi ở nông
        thôn không quen dùng ứng dụng.

        > Cái mới phải dễ với người khó nhất, không phải với người giỏi công nghệ nhất.

        [figure]

        Sau tháng đầu, thời gian chờ trung bình của người có hẹn giảm còn khoảng 30 phút.
        """,
        tags=("bệnh viện", "đặt lịch khám", "cải cách hành chính"),
        state=PUBLISHED,
        hours=170.2,
        picture=Picture(
            caption="Khu khám bệnh của bệnh viện tỉnh vào buổi sáng.",
            alt_text="Sảnh chờ bệnh viện với hàng ghế và bảng số thứ tự điện tử",
            credit="Ảnh: Quốc Việt",
            motif="skyline",
        ),
        figure=Picture(
            caption="Nhân viên tổng đài hỗ trợ người bệnh đặt lịch.",
            alt_text="Nhân viên đeo tai nghe ngồi trước máy tính",
            credit="Ảnh: Quốc Việt",
        ),
    ),
    Story(
        title="Mùa cúm: phụ huynh cần lưu ý gì khi trẻ sốt",
        section="suc-khoe",
        lead="""Phần lớn trẻ bị cúm sẽ tự khỏi, nhưng có những dấu hiệu cho thấy trẻ cần được
        đưa đến cơ sở y tế ngay.""",
        body="""
        Sốt cao, ho, sổ mũi và mệt mỏi là những biểu hiện thường gặp. Phụ huynh nên cho trẻ
        nghỉ ngơi, uống đủ nước và theo dõi nhiệt độ.

        ## Khi nào cần đi khám

        Trẻ thở nhanh, khó thở, li bì, co giật hoặc sốt kéo dài nhiều ngày cần được đưa đi
        khám ngay.

        > Đừng tự ý dùng kháng sinh cho trẻ bị cúm.

        Tiêm vắc-xin cúm hằng năm giúp giảm nguy cơ mắc bệnh nặng.
        """,
        tags=("cúm", "trẻ em", "phòng bệnh"),
        state=RETURNED,
        hours=7,
        picture=Picture(
            caption="Mẹ đo nhiệt độ cho con tại nhà.",
            alt_text="Người mẹ đặt nhiệt kế điện tử lên trán em bé",
            credit="Ảnh minh họa: Tòa soạn",
        ),
        comment="""Cần thêm ý kiến của một bác sĩ nhi và dẫn khuyến cáo chính thức của ngành
        y tế; kiểm tra lại các dấu hiệu nguy hiểm ở đoạn hai rồi gửi lại.""",
    ),
    # Kinh tế
    Story(
        title="Xuất khẩu trái cây tươi tăng nhờ kho lạnh ngay tại vùng trồng",
        section="kinh-te",
        lead="""Kho lạnh đặt gần vườn giúp trái cây được làm mát trong vài giờ sau thu hoạch,
        giữ độ tươi lâu hơn và đáp ứng yêu cầu của những thị trường khó tính.""",
        body="""
        Trước đây, trái cây phải chở hàng trăm cây số đến kho ở thành phố lớn, mất nhiều giờ
        dưới trời nắng. Tỷ lệ hư hỏng có lúc lên tới 20%.

        ## Hợp tác xã làm chủ

        Nhiều kho lạnh mới do hợp tác xã đầu tư, có hỗ trợ một phần vốn vay ưu đãi. Thành
        viên được ưu tiên thuê kho với giá thấp.

        > Giữ được trái cây tươi thêm ba ngày là thêm được cả một thị trường.

        [figure]

        Các doanh nghiệp xuất khẩu cho biết đơn hàng từ vùng có kho lạnh tăng rõ trong vụ vừa
        qua, nhưng chi phí điện vẫn là gánh nặng lớn.
        """,
        tags=("xuất khẩu", "trái cây", "hợp tác xã", "logistics"),
        state=PUBLISHED,
        hours=22.3,
        picture=Picture(
            caption="Công nhân phân loại xoài trước khi đưa vào kho lạnh.",
            alt_text="Những thùng xoài xanh xếp trên băng chuyền trong nhà xưởng",
            credit="Ảnh: Trung Kiên",
        ),
        figure=Picture(
            caption="Bên trong kho lạnh của một hợp tác xã.",
            alt_text="Dãy pallet trái cây xếp cao trong kho lạnh có đèn trắng",
            credit="Ảnh: Trung Kiên",
        ),
    ),
    Story(
        title="Chợ phiên nông sản sạch cuối tuần hút khách thành phố",
        section="kinh-te",
        lead="""Mỗi sáng Chủ nhật, hàng chục nông hộ mang rau, trứng, mật ong đến bán trực
        tiếp cho người tiêu dùng, không qua thương lái.""",
        body="""
        Chợ phiên do một nhóm người trẻ tổ chức, mỗi gian hàng phải có thông tin về nơi sản
        xuất và cách canh tác. Ban tổ chức định kỳ đến thăm vườn của người bán.

        ## Người mua gặp người trồng

        Nhiều khách quen nói điều họ thích nhất là được hỏi thẳng người trồng về cách chăm
        sóc rau, dùng phân gì, phun thuốc gì.

        > Bán ở chợ phiên tôi được giá hơn, lại được nghe khách góp ý để làm tốt hơn.

        Ban tổ chức đang tìm thêm địa điểm để mở chợ phiên thứ hai vào chiều thứ Bảy.
        """,
        tags=("nông sản sạch", "chợ phiên", "tiêu dùng"),
        state=PUBLISHED,
        hours=46.6,
        picture=Picture(
            caption="Gian hàng rau của một nông hộ tại chợ phiên.",
            alt_text="Những bó rau xanh và rổ trứng bày trên bàn dưới mái che",
            credit="Ảnh: Ngọc Trâm",
            motif="landscape",
        ),
        authors=(REPORTER,),
        byline="Nhóm PV",
    ),
    Story(
        title="Làng gốm chuyển mình nhờ bán hàng trực tuyến",
        section="kinh-te",
        lead="""Những người thợ trẻ trong làng học chụp ảnh sản phẩm, livestream quy trình làm
        gốm và đưa hàng đến khách ở xa mà không cần qua nhiều khâu trung gian.""",
        body="""
        Vài năm trước, phần lớn sản phẩm của làng được bán buôn cho thương lái với giá thấp.
        Giờ đây, nhiều xưởng có trang bán hàng riêng và nhận đơn đặt làm theo yêu cầu.

        ## Giữ nghề, đổi cách bán

        Các nghệ nhân lớn tuổi vẫn giữ những công đoạn làm bằng tay, còn người trẻ lo khâu
        thiết kế mẫu mới, đóng gói và chăm sóc khách hàng.

        > Khách ở xa xem được cả quá trình nặn, vẽ, nung thì họ hiểu vì sao một cái bình lại
        có giá như vậy.

        [figure]

        Khó khăn lớn nhất hiện nay là đóng gói để hàng gốm không vỡ khi vận chuyển đường dài.
        """,
        tags=("làng nghề", "gốm", "thương mại điện tử"),
        state=PUBLISHED,
        hours=200.4,
        picture=Picture(
            caption="Người thợ trẻ vẽ hoa văn lên bình gốm.",
            alt_text="Bàn tay cầm bút vẽ hoa văn màu lam lên chiếc bình gốm trắng",
            credit="Ảnh: Bảo Châu",
            motif="waves",
        ),
        figure=Picture(
            caption="Sản phẩm được đóng gói cẩn thận trước khi gửi đi.",
            alt_text="Bình gốm được quấn giấy và xếp vào thùng các tông",
            credit="Ảnh: Bảo Châu",
        ),
        writer=EDITOR,
        authors=(),
        byline="Phương Thảo",
        source="tuoitre.vn",
        source_author="Phương Thảo",
    ),
    Story(
        title="Giá cà phê biến động, nông dân Tây Nguyên trồng xen cây ăn trái",
        section="kinh-te",
        lead="""Trồng xen sầu riêng, bơ hay mắc ca giúp nông hộ có thêm nguồn thu, nhưng các
        chuyên gia cảnh báo việc chạy theo phong trào có thể gây rủi ro.""",
        body="""
        Nhiều vườn cà phê già cỗi được cải tạo, trồng xen cây ăn trái theo hàng. Cây che bóng
        cũng giúp vườn cà phê giữ ẩm tốt hơn trong mùa khô.

        ## Tính toán trước khi chuyển đổi

        Chuyên gia nông nghiệp khuyên nông dân tìm hiểu kỹ thị trường đầu ra và nguồn nước
        tưới trước khi trồng loại cây mới.

        > Đừng chặt hết cà phê để trồng theo giá của một năm.

        Một số doanh nghiệp đã ký hợp đồng bao tiêu với các hợp tác xã trồng xen theo quy
        trình bền vững.
        """,
        tags=("cà phê", "Tây Nguyên", "nông nghiệp"),
        state=SCHEDULED,
        hours=0.25,
        picture=Picture(
            caption="Vườn cà phê trồng xen cây ăn trái.",
            alt_text="Hàng cây cà phê xanh xen giữa những cây ăn trái cao",
            credit="Ảnh: Quốc Việt",
            motif="landscape",
        ),
        figure=Picture(
            caption="Nông dân thu hoạch cà phê chín.",
            alt_text="Người nông dân đội nón hái quả cà phê đỏ trên cành",
            credit="Ảnh: Quốc Việt",
            motif="landscape",
        ),
    ),
    # Văn hóa
    Story(
        title="Đêm nhạc dân ca ba miền trên phố cổ Hội An",
        section="van-hoa",
        lead="""Quan họ, ca trù, bài chòi và đờn ca tài tử cùng vang lên trong một đêm diễn
        ngoài trời, thu hút đông đảo du khách trong và ngoài nước.""",
        body="""
        Sân khấu được dựng đơn sơ bên bờ sông, ánh sáng chủ yếu từ những chiếc đèn lồng. Các
        nghệ sĩ biểu diễn không dùng nhiều thiết bị khuếch đại để giữ âm sắc mộc.

        ## Giới thiệu bằng hai thứ tiếng

        Trước mỗi tiết mục, người dẫn chương trình giới thiệu ngắn gọn về loại hình dân ca
        bằng tiếng Việt và tiếng Anh.

        > Nhiều bạn trẻ nói đây là lần đầu nghe ca trù, và các bạn hỏi lần sau diễn ở đâu.

        [figure]

        Ban tổ chức dự kiến duy trì đêm diễn vào tối thứ Bảy đầu tiên của mỗi tháng.
        """,
        tags=("dân ca", "Hội An", "di sản", "biểu diễn"),
        state=PUBLISHED,
        hours=56.2,
        picture=Picture(
            caption="Nghệ sĩ biểu diễn bài chòi dưới ánh đèn lồng.",
            alt_text="Hai nghệ sĩ mặc áo dài hát trên sân khấu có đèn lồng đỏ",
            credit="Ảnh: Hoàng Long",
        ),
        figure=Picture(
            caption="Du khách dừng chân xem biểu diễn bên bờ sông.",
            alt_text="Đám đông khán giả đứng trên phố cổ nhìn về sân khấu",
            credit="Ảnh: Hoàng Long",
        ),
    ),
    Story(
        title="Triển lãm ảnh tư liệu về những cây cầu của Hà Nội",
        section="van-hoa",
        lead="""Hơn 120 bức ảnh, bản vẽ và hiện vật kể câu chuyện về những cây cầu đã gắn với
        đời sống của thành phố qua nhiều thế hệ.""",
        body="""
        Triển lãm được chia thành ba phần: những cây cầu xưa, những cây cầu trong chiến tranh
        và những cây cầu hôm nay. Nhiều bức ảnh lần đầu được giới thiệu với công chúng.

        ## Ký ức của người xem

        Bên cạnh ảnh tư liệu, ban tổ chức dành một bức tường để khách viết ký ức của mình về
        một cây cầu.

        > Tôi đạp xe qua cầu đi học suốt mười năm, giờ đứng trước tấm ảnh này mà như thấy
        lại mình ngày ấy.

        [figure]

        Triển lãm mở cửa miễn phí đến hết tháng.
        """,
        tags=("triển lãm", "Hà Nội", "ảnh tư liệu", "di sản"),
        state=PUBLISHED,
        hours=220.7,
        picture=Picture(
            caption="Khách tham quan xem ảnh tư liệu tại triển lãm.",
            alt_text="Người xem đứng trước bức ảnh đen trắng lớn chụp cây cầu sắt",
            credit="Ảnh: Minh Đức",
            motif="skyline",
        ),
        figure=Picture(
            caption="Bức tường ký ức do khách tham quan viết.",
            alt_text="Bức tường dán đầy những mẩu giấy viết tay nhiều màu",
            credit="Ảnh: Minh Đức",
        ),
        authors=(REPORTER, EDITOR),
    ),
    Story(
        title="Nghệ nhân trẻ giữ nghề làm đèn lồng thủ công",
        section="van-hoa",
        lead="""Giữa lúc đèn lồng công nghiệp tràn ngập thị trường, một số người trẻ vẫn chọn
        làm đèn bằng tre và lụa theo cách của ông bà.""",
        body="""
        Mỗi chiếc đèn cần qua hàng chục công đoạn, từ chẻ tre, uốn khung đến căng lụa và
        vẽ hoa văn. Một người thợ lành nghề làm được vài chiếc mỗi ngày.

        ## Mở lớp dạy cho du khách

        Để có thêm thu nhập, xưởng mở lớp ngắn cho du khách tự tay làm một chiếc đèn nhỏ mang
        về làm quà.

        > Khách làm xong chiếc đèn đầu tiên mới hiểu vì sao đèn thủ công đắt hơn.

        Xưởng đang nhận học việc cho những người trẻ muốn theo nghề.
        """,
        tags=("làng nghề", "đèn lồng", "nghệ nhân"),
        state=IN_REVIEW,
        hours=3,
        picture=Picture(
            caption="Nghệ nhân căng lụa lên khung đèn tre.",
            alt_text="Đôi tay căng tấm lụa đỏ lên khung tre hình tròn",
            credit="Ảnh: Hoàng Long",
        ),
        figure=Picture(
            caption="Những chiếc đèn lồng hoàn thiện treo trước xưởng.",
            alt_text="Hàng đèn lồng nhiều màu treo dưới mái hiên",
            credit="Ảnh: Hoàng Long",
        ),
    ),
    Story(
        title="Đọc sách cùng con: khi thư viện mang truyện ra công viên",
        section="van-hoa",
        lead="""Mỗi chiều Chủ nhật, một chiếc xe thư viện lưu động dừng ở công viên, trải thảm
        và mời trẻ em cùng cha mẹ ngồi đọc sách.""",
        body="""
        Xe mang theo khoảng 800 cuốn sách thiếu nhi. Các tình nguyện viên kể chuyện cho nhóm
        trẻ nhỏ chưa biết đọc.

        ## Ghi chú cho biên tập

        Còn chờ ảnh và lịch dừng xe của tháng sau.
        """,
        tags=("văn hóa đọc", "thiếu nhi", "thư viện"),
        state=DRAFT,
        hours=50,
    ),
]
