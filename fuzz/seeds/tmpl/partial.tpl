{{#yes}}{{unit.name}} đạt {{unit.score | pct}}; {{n | change:"tăng":"giảm"}}{{/yes}}
## {{unit.date | month_year}}
{{#unit}}+ *{{name | lower_first}}*{{/unit}}
