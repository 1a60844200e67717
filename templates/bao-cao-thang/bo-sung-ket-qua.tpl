{{! Để trống. Đặt tệp bo-sung-ket-qua.tpl cạnh report.json để thêm đoạn văn riêng vào đây. }}
