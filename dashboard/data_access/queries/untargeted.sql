-- Indicators with a value for the unit and year but no target there (shown for information, not judged).
-- params: unit_code, year
select i.id as indicator, i.name_vi, i.name_en, i.kind, i.levels, i.display, a.value, a.numerator, a.denominator, a.share,
       a.origin, a.coverage, a.provisional, s.title as source_title
from actuals a
join indicators i on i.id = a.indicator
left join sources s on s.id = a.source_id
where a.unit_code = $1 and a.year = $2
  and not exists (select 1 from progress p where p.unit_code = a.unit_code and p.year = a.year and p.indicator = a.indicator)
order by i.position
