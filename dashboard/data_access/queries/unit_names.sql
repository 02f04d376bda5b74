-- unit_names: the name of each unit in each year, for codes given as a comma-separated list ($1). Codes are
-- reused across the 2025 reform (a new commune keeps one predecessor's code), so a name needs its year.
select code, year, name
from unit_years
where list_contains(string_split($1, ','), code)
