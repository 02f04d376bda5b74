-- The latest year with a value for a unit (the default year of a link without one). params: unit_code
select max(year) as year from actuals where unit_code = $1
