{{! Lời văn cố định của mọi văn bản (báo cáo, công văn), dùng chung cho các bộ mẫu;
    mỗi đoạn (cách nhau một dòng trống) là một dòng chữ, theo thứ tự:
    1. dòng số, ký hiệu ở đầu văn bản (ô 3 của NĐ 30);
    2. địa danh và ngày, tháng, năm ban hành (ô 4);
    3. trích yếu của công văn, dưới số, ký hiệu (ô 5b);
    4. tiêu đề của tệp PDF (Title): tên loại và trích yếu;
    5. tên loại văn bản trong hồ sơ lưu trữ (Phụ lục VI, TypeName);
    6. ngôn ngữ của văn bản trong hồ sơ lưu trữ (Language);
    7. những mục của "Kính gửi" và "Nơi nhận" không phải là nơi nhận trong hồ sơ
       lưu trữ: mục bắt đầu bằng một trong các chữ này (cách nhau bằng dấu phẩy). }}
Số: {{citation.code}}

{{document.place}}, {{citation.date}}

V/v {{document.subject}}

{{#document.type}}{{document.type}} {{document.subject}}{{/document.type}}{{^document.type}}Công văn V/v {{document.subject}}{{/document.type}}

{{#document.type}}{{document.type}}{{/document.type}}{{^document.type}}Công văn{{/document.type}}

Tiếng Việt

Như trên, Lưu
