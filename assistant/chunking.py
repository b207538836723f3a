"""Split each section into chunks that never cross a section and fit MiniLM's window."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.schema import Chunk, Section

#: Bump when the chunking logic changes, so persisted indexes rebuild.
CHUNKER_VERSION = 5  # 2: hyphenated words give their parts; 3: contractions expanded;
# 5: the domain name kept where it is the topic (text.neutral)


def chunk_sections(sections: Iterable[Section], chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    # Imported here: langchain costs ~1 s, and an unchanged ingest or a query never chunks.
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n\n", "\n", ". ", " ", ""],
        keep_separator="end",
    )
    chunks: list[Chunk] = []
    for section in sections:
        # A heading-only section still gets one chunk, so its heading can be found.
        bodies = splitter.split_text(section.text) if section.text.strip() else [""]
        for i, body in enumerate(bodies):
            chunks.append(
                Chunk(
                    id=f"{section.id}#{i}",
                    section_id=section.id,
                    heading=section.heading,
                    text=body.strip(),
                    order=len(chunks),
                )
            )
    return chunks
