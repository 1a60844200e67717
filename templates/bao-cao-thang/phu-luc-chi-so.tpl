{{! Tiêu đề cột của một chỉ số (hoặc một nhóm chỉ có một chỉ số) trong bảng điểm:
    tên và điểm tối đa }}
{{label}} ({{max | num}}đ)
