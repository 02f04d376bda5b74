-- vi: Chưa đạt mốc thì số năm chậm so với lộ trình phải dương; đạt mốc thì không thể "chậm".
-- en: Behind the milestone means a positive number of years behind the path; on or ahead of it means none.
select unit_code, year, target_id, status, years_behind, actual, milestone
from progress
where (status = 'behind' and years_behind <= 0)
   or (status = 'met' and years_behind > 1e-9)
order by target_id, unit_code, year
