"""Media types ingest produces."""

TEXT = "text/plain"
MARKDOWN = "text/markdown"
HTML = "text/html"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EML = "message/rfc822"

# How each type is named in messages to users.
LABELS = {
    TEXT: "text file",
    MARKDOWN: "Markdown file",
    HTML: "HTML page",
    PDF: "PDF",
    DOCX: "DOCX",
    EML: "e-mail",
}
