-- One unit's series for one indicator: actual (as judged), raw value and coverage, milestone, status, outlook.
-- params: unit_code, indicator
select p.year, p.actual, p.milestone, p.target_2030, p.status, p.gap, p.to_close, p.measure,
       p.outlook_category, p.outlook_method, p.outlook_score, p.years_behind, p.projected, p.base_year,
       p.base_value, p.evidence_years, p.n_obs, p.coverage, p.target_id,
       case when p.measure = 'share' then a.share else a.value end as value,
       a.numerator, a.denominator, a.origin
from progress p
left join actuals a on a.unit_code = p.unit_code and a.year = p.year and a.indicator = p.indicator
where p.unit_code = $1 and p.indicator = $2
order by p.year
