extension Migration {
    /// A coding's offsets in the whole transcript follow its segment when a re-import moves the
    /// segment, so the transcripts capability never has to write the codings table.
    static let codingsFollowSegments = Migration(
        number: 6, name: "codings follow their segment's offsets",
        sql: """
            CREATE TRIGGER segment_moves_its_codings AFTER UPDATE OF text_start ON segment
            WHEN NEW.text_start IS NOT OLD.text_start
            BEGIN
                UPDATE coding SET transcript_start = NEW.text_start + start, transcript_end = NEW.text_start + end
                WHERE segment = NEW.id;
            END;
            """)
}
