import Testing

@testable import QualKit

/// `search --limit/--offset`: pages of the full ranking, and a count of all hits for "N more".
@Suite struct SearchPagingTests {
    @Test func pagesAddUpToTheWholeRanking() throws {
        let fixture = try analysisStudy()
        let study = fixture.study
        let all = try TranscriptSearch.search("answer", role: nil, code: nil, study: study)
        #expect(all.count == 10)
        #expect(try TranscriptSearch.count("answer", role: nil, code: nil, study: study) == 10)
        var paged: [TranscriptSearch.Hit] = []
        for offset in stride(from: 0, to: 12, by: 3) {
            let page = try TranscriptSearch.search(
                "answer", role: nil, code: nil, limit: 3, offset: offset, study: study)
            #expect(page.count == min(3, max(0, 10 - offset)))
            paged += page
        }
        #expect(paged == all)
        #expect(try TranscriptSearch.count("answer", role: .interviewer, code: nil, study: study) == 0)
        #expect(try TranscriptSearch.count("answer", role: nil, code: "a.x", study: study) == 3)
    }
}
