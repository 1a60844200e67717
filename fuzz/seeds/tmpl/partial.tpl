{{#yes}}{{unit.name}} đạt {{unit.score | pct}}; {{n | change:"tăng":"giảm"}}{{/yes}}
## {{unit.date | mm_yyyy}}
{{#unit}}+ *{{name | lower_first}}*{{/unit}}
