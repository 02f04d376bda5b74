-- Two targets on the same unit, indicator and year: the configuration is ambiguous.
select indicator, unit_code, min(year) as first_year, list(distinct target_id order by target_id) as targets
from target_units
group by indicator, unit_code
having count(distinct target_id) > 1
order by indicator, unit_code
limit 20;
