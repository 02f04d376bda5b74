"""Words of the Nạp dữ liệu page (Vietnamese, English) and the unit labels its tables use."""

from __future__ import annotations

from dashboard.data_access import warehouse
from dashboard.ui.i18n import translator

TEXT = {
    "title": ("Nạp dữ liệu", "Load data"),
    "not_allowed": (
        "Chỉ cán bộ phân tích hoặc quản trị đã đăng nhập mới nạp được dữ liệu.",
        "Only a signed-in analyst or admin can load data.",
    ),
    "scope": ("Phạm vi: {name} ({code}) và các đơn vị trực thuộc.", "Scope: {name} ({code}) and the units below it."),
    "scope_all": (
        "Phạm vi: toàn bộ (quản trị). Tên đơn vị trong tệp Excel được đối chiếu trong đơn vị đang chọn: {name}.",
        "Scope: everything (admin). Unit names in spreadsheets are matched within the chosen unit: {name}.",
    ),
    "tab_upload": ("Tải tệp lên", "Upload"),
    "tab_template": ("Mẫu báo cáo Excel", "Excel template"),
    "tab_history": ("Lịch sử nạp", "History"),
    "file": ("Tệp số liệu (.csv, .parquet, .xlsx, .xls, .ods)", "Data file (.csv, .parquet, .xlsx, .xls, .ods)"),
    "file_help": (
        "Định dạng chuẩn (một dòng mỗi đơn vị × năm × chỉ tiêu), mẫu báo cáo của ứng dụng, hoặc bảng Excel của "
        "huyện/xã (dòng tiêu đề, ô gộp, dòng Tổng cộng, số kiểu 1.234 và 40,5%, tên xã thay cho mã).",
        "The tidy format (one row per unit × year × indicator), the app's template, or a district's own "
        "spreadsheet (title rows, merged headings, a total row, numbers like 1.234 and 40,5%, names instead of codes).",
    ),
    "year": ("Năm của số liệu (cho tệp Excel)", "Year of the figures (for spreadsheets)"),
    "working": ("Đang đọc và kiểm tra như khi xây dựng kho dữ liệu…", "Reading and checking as a build would…"),
    "config_broken": (
        "Cấu hình hiện tại có lỗi nên chưa kiểm tra được tệp:",
        "The current configuration has problems, so the file cannot be checked:",
    ),
    "already": (
        "Tệp này (cùng nội dung) đã được nạp lúc {when} bởi {who}: nạp lại không thay đổi gì.",
        "This file (same content) was loaded at {when} by {who}: loading it again changes nothing.",
    ),
    "rows_read": ("Dòng đọc được", "Rows read"),
    "rows_accepted": ("Dòng hợp lệ", "Rows accepted"),
    "rows_rejected": ("Dòng bị từ chối", "Rows refused"),
    "new": ("Giá trị mới", "New values"),
    "changed": ("Giá trị thay đổi", "Changed values"),
    "unchanged": ("Không đổi", "Unchanged"),
    "status_changes": ("Tình trạng thay đổi", "Statuses changing"),
    "problems": ("Dòng và cột bị từ chối", "Refused rows and columns"),
    "where": ("Vị trí", "Where"),
    "problem": ("Lý do", "Reason"),
    "more_problems": (
        "… và {n} lỗi khác (sửa các lỗi trên rồi tải lại tệp).",
        "… and {n} more (fix those above and upload again).",
    ),
    "notes": ("Ghi nhận khi đọc tệp", "What the reader did"),
    "matches": ("Đối chiếu tên đơn vị → mã", "Unit names → codes"),
    "written": ("Tên trong tệp", "Name in the file"),
    "code": ("Mã", "Code"),
    "registered": ("Tên trong danh mục", "Registered name"),
    "how": ("Cách khớp", "How"),
    "changes": ("So với dữ liệu đang dùng", "Compared with the data in use"),
    "unit": ("Đơn vị", "Unit"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "before": ("Trước", "Before"),
    "after": ("Sau", "After"),
    "change": ("Thay đổi", "Change"),
    "target": ("Mục tiêu", "Target"),
    "change_new": ("mới", "new"),
    "change_changed": ("thay đổi", "changed"),
    "change_unchanged": ("không đổi", "unchanged"),
    "effect": ("Ảnh hưởng đến tình trạng", "Effect on statuses"),
    "no_effect": ("Không tình trạng nào thay đổi.", "No status changes."),
    "why": ("Lý do nạp / nội dung (bắt buộc)", "Reason / what this is (required)"),
    "reason": ("Lý do", "Reason"),
    "year_col": ("Năm", "Year"),
    "partial_ok": (
        "Nạp {ok} dòng hợp lệ; {bad} dòng bị từ chối sẽ không được nạp",
        "Load the {ok} valid rows; the {bad} refused rows are left out",
    ),
    "commit": ("Nạp vào kho dữ liệu", "Commit to the warehouse"),
    "nothing": ("Không có dòng hợp lệ nào để nạp.", "No valid row to load."),
    "need_why": ("Hãy ghi lý do nạp.", "Please give a reason."),
    "committed": (
        "Đã nạp {values} giá trị ({new} mới, {changed} thay đổi) và xây dựng lại kho dữ liệu.",
        "Loaded {values} values ({new} new, {changed} changed) and rebuilt the warehouse.",
    ),
    "noop": ("Tệp này đã được nạp trước đó: không có gì thay đổi.", "This file was loaded before: nothing changed."),
    "failed": ("Không nạp được; dữ liệu đang dùng không thay đổi:", "Not loaded; the data in use is unchanged:"),
    "template_intro": (
        "Mỗi trang là một nhóm chỉ tiêu, mỗi dòng một xã (mã và tên đã điền), tiêu đề tiếng Việt, ô nhập có "
        "kiểm tra số nguyên và danh sách mức độ. Tệp điền xong được tải lên ở thẻ bên cạnh.",
        "One sheet per indicator group, one row per commune (code and name filled in), Vietnamese headings, "
        "cells checked for whole numbers and level lists. Upload the filled file in the next tab.",
    ),
    "template_year": ("Năm báo cáo", "Reporting year"),
    "template_download": ("⤓ Tải mẫu báo cáo ({n} đơn vị)", "⤓ Download the template ({n} units)"),
    "no_communes": ("Đơn vị này không có xã trực thuộc trong năm {year}.", "This unit has no communes in {year}."),
    "history_empty": ("Chưa có lần nạp nào qua ứng dụng.", "Nothing has been loaded through the app yet."),
    "when": ("Thời điểm (UTC)", "When (UTC)"),
    "who": ("Người nạp", "Who"),
    "file_name": ("Tệp", "File"),
    "values": ("Giá trị", "Values"),
    "pick_batch": ("Xem giá trị đã bị thay thế bởi lần nạp", "Values replaced by the commit"),
    "superseded": (
        "Giá trị cũ được giữ lại trong lịch sử (không còn dùng)",
        "Earlier values kept in the history (no longer used)",
    ),
    "none_superseded": ("Lần nạp này không thay thế giá trị nào.", "This commit replaced no value."),
    "old_source": ("Từ tệp", "From file"),
    "state": ("Trạng thái", "State"),
    "in_use": ("đang dùng", "in use"),
    "withdrawn_by": ("đã rút lại {when} ({who})", "withdrawn {when} ({who})"),
    "withdraw_why": ("Lý do rút lại lần nạp đã chọn", "Reason for withdrawing the chosen commit"),
    "withdraw": (
        "Rút lại lần nạp này (các giá trị nó đã thay thế được dùng lại)",
        "Withdraw this commit (the values it replaced count again)",
    ),
}

words = translator(TEXT)

SHOW_PROBLEMS = 200


def unit_names(v, codes) -> dict:
    """(code, year) -> the unit's name that year."""
    names = warehouse.q(v.key, "unit_names", ",".join(sorted(set(map(str, codes)))))
    return {(c, int(y)): n for c, y, n in zip(names["code"], names["year"], names["name"])}


def unit_name(v, code: str) -> str:
    return unit_names(v, [code]).get((code, v.year), code)


def unit_label(names: dict, code: str, year) -> str:
    return f"{names.get((code, int(year)), '?')} ({code})"
