-- vi: Chưa đạt mốc năm nay thì triển vọng không thể là "đã đạt" hay "đúng lộ trình" (cả hai đo trên cùng lộ trình đã công bố).
-- en: Behind this year's milestone, the outlook cannot be "met" or "on track" (both are measured on the same declared path).
select unit_code, year, target_id, status, outlook_category, actual, milestone
from progress
where status = 'behind' and outlook_category in ('met', 'on_track')
order by target_id, unit_code, year
