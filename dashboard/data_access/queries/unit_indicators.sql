-- The indicators the indicator page offers for a unit: those with a target there (judged) and those with figures
-- only (shown for information, every year the warehouse has, history before the programme included).
-- params: unit_code
select i.id as indicator, i.name_vi, i.name_en, i.position, p.indicator is not null as targeted
from indicators i
left join (select distinct indicator from progress where unit_code = $1) p on p.indicator = i.id
left join (select distinct indicator from actuals where unit_code = $1) a on a.indicator = i.id
where p.indicator is not null or a.indicator is not null
order by i.position
