-- vi: Không nhận định trước năm gốc của mục tiêu: không có dòng tiến độ nào của năm trước năm gốc, và năm gốc của một đơn vị không sớm hơn năm gốc đã khai báo (các năm trước chỉ là số liệu lịch sử).
-- en: No verdict before a target's baseline year: no progress row for an earlier year, and no unit's base year before the declared one (earlier years are history only).
select p.unit_code, p.year, p.target_id, t.baseline_year, p.base_year
from progress p
join targets t on t.id = p.target_id
where p.year < t.baseline_year or p.base_year < t.baseline_year
order by p.target_id, p.unit_code, p.year
