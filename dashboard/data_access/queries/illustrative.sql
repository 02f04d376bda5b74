-- Whether any loaded observation is demo data (its source says so): reports then say it on their first page.
select count(*) > 0 as illustrative from observations where source ilike '%minh họa%' or source ilike '%illustrative%'
