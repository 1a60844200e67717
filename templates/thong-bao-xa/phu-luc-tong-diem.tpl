{{! Dòng "Điểm tổng hợp và xếp hạng" của Phụ lục I: ba ô (tháng trước, tháng này, tăng/giảm) }}
{{#score.has_prev}}Đạt {{score.prev | num}}/{{score.max | num}} điểm; xếp hạng {{rank.prev | pad2}}/{{rank.count | pad2}} {{unit.noun}}{{/score.has_prev}}{{^score.has_prev}}\-{{/score.has_prev}}

Đạt {{score.now | num}}/{{score.max | num}} điểm; xếp hạng {{rank.now | pad2}}/{{rank.count | pad2}} {{unit.noun}}

{{#score.has_prev}}{{score.delta | change "điểm" "giữ nguyên điểm số" "tăng" "giảm" | upper_first}}, {{rank.change | change "bậc" "giữ nguyên thứ hạng" "tăng" "giảm"}} trên bảng xếp hạng{{/score.has_prev}}{{^score.has_prev}}\-{{/score.has_prev}}
