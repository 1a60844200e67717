::center *(Kèm theo Công văn số {{document.code}} {{document.date | date}} của {{agency.name}})*
