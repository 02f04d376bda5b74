-- Indicators with a target at the unit in some year (for the indicator picker).
-- params: unit_code
select distinct i.id as indicator, i.name_vi, i.name_en, i.position
from progress p join indicators i on i.id = p.indicator
where p.unit_code = $1
order by i.position
