"""Charts with invented, realistic numbers for the drawing tests (no real names)."""

from pcmt_desktop.reports.charts import Chart, ChartKind, RateLine, Series, Tile

MONTHS = tuple(f"{month:02d}/2026" for month in range(1, 13))
SUB_AREAS = ("Thị trấn Sơn Hà", "Xã Sơn Thủy", "Xã Sơn Bình", "Xã Sơn Trung")


def line_chart() -> Chart:
    return Chart(
        key="list-sizes",
        kind=ChartKind.LINE,
        title="Số người trong các diện quản lý theo tháng",
        subtitle="Số người ở cuối mỗi tháng",
        categories=MONTHS,
        series=(
            Series("Nghi sử dụng", tuple(float(10 + i) for i in range(12))),
            Series("Nghiện", tuple(float(30 - i) for i in range(12))),
        ),
        value_label="người",
    )


def bar_chart(values: tuple[float, ...] = (10.0, 40.0)) -> Chart:
    """One series (no legend, no rate line): a bar's colour is the series' own."""
    return Chart(
        key="hotspots-by-state",
        kind=ChartKind.BAR,
        title="Điểm, tụ điểm theo tình trạng",
        subtitle="Tính đến ngày 23/11/2026",
        categories=tuple(f"Tình trạng {index + 1}" for index in range(len(values))),
        series=(Series("Số điểm, tụ điểm", values),),
        value_label="điểm",
    )


def drug_tests_chart() -> Chart:
    tested = (120.0, 64.0, 0.0, 80.0)
    positive = (18.0, 6.0, 0.0, 24.0)
    return Chart(
        key="tests-by-sub-area",
        kind=ChartKind.BAR,
        title="Test ma túy và tỷ lệ dương tính theo xã, thị trấn",
        subtitle="Từ 01/12/2025 đến 23/11/2026",
        categories=SUB_AREAS,
        series=(Series("Số người được test", tested), Series("Số người dương tính", positive)),
        value_label="người",
        rate_line=RateLine("Tỷ lệ dương tính (%)", (15.0, 9.4, None, 30.0)),
    )


def tiles_chart() -> Chart:
    return Chart(
        key="area-classes",
        kind=ChartKind.TILES,
        title="Phân loại địa bàn",
        subtitle="Năm 2026",
        tiles=(
            Tile("Thị trấn Sơn Hà", "Loại I", 3),
            Tile("Xã Sơn Thủy", "Loại II", 2),
            Tile("Xã Sơn Bình", "Loại III", 1),
            Tile("Xã Sơn Trung", "Không ma túy", 0),
            Tile("Xã Sơn Linh", "Chưa đề xuất", None),
        ),
    )


def empty_chart() -> Chart:
    return Chart(
        key="tests-by-sub-area",
        kind=ChartKind.BAR,
        title="Test ma túy",
        subtitle="",
        categories=SUB_AREAS,
        series=(Series("Số người được test", (0.0,) * 4), Series("Dương tính", (0.0,) * 4)),
        rate_line=RateLine("Tỷ lệ dương tính (%)", (None,) * 4),
    )


ALL = (line_chart, bar_chart, drug_tests_chart, tiles_chart, empty_chart)
