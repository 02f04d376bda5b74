-- superseded_by: the values a committed upload (batch file name, $1) replaced; they stay in the history.
select u.name || ' (' || s.unit_code || ')' as unit,
       i.name_vi as indicator_vi,
       i.name_en as indicator_en,
       s.year,
       s.numerator, s.denominator, s.value, s.level,
       s.file
from superseded_observations s
left join unit_years u on u.code = s.unit_code and u.year = s.year
left join indicators i on i.id = s.indicator
where s.superseded_by like '%' || $1
order by i.position, u.name collate vi, s.year
