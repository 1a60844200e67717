{{! Ngày, tháng, năm của văn bản (ô 4 của NĐ 30; citation.date của các mẫu). Dữ liệu:
    day, month, year đã viết theo NĐ 30 (ngày hai chữ số "05"; tháng 1 và 2 có số 0
    đứng trước "02", các tháng khác không "7", "12"); ngày, tháng để trống cho hệ thống
    quản lý văn bản điền là khoảng trắng không ngắt dòng. }}
ngày {{day}} tháng {{month}} năm {{year}}
