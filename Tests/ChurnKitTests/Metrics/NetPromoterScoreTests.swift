import Testing
@testable import ChurnKit

struct NetPromoterScoreTests {
    @Test func categoriesAndScore() {
        var nps = NetPromoterScore()
        for score in [10, 9, 9, 8, 7, 6, 0, 10, 3, 9] { nps.add(score: score) }
        #expect(nps.promoters == 5 && nps.passives == 2 && nps.detractors == 3)
        #expect(nps.promoterPercent == 50)
        #expect(nps.detractorPercent == 30)
        #expect(nps.score == 20)
        #expect(NetPromoterScore().score == nil)
        #expect(NetPromoterScore(detractors: 4).score == -100)
    }

    @Test func readsGroupsInOrderOfAppearance() throws {
        let path = TestFiles.write("id,plan,score\n1,pro,10\n2,basic,3\n3,pro, 8 \n4,basic,9\n5,pro,9\n", name: "survey.csv")
        let survey = try NetPromoterSurvey.read(path: path, scoreColumn: "score", groupColumn: "plan")
        #expect(survey.groups.map(\.name) == ["pro", "basic"])
        #expect(survey.groups[0].score == NetPromoterScore(promoters: 2, passives: 1, detractors: 0))
        #expect(survey.groups[1].score.score == 0)
        #expect(survey.overall.responses == 5)
        #expect(survey.overall.score == 40)
        let csv = survey.table().rendered(.csv).split(separator: "\n").map(String.init)
        #expect(csv[0] == "plan,responses,promoters,passives,detractors,promoters_percent,detractors_percent,nps,unanswered")
        #expect(csv[3] == "all,5,3,1,1,60,20,40,0")
    }

    /// A blank or missing-value answer is a row without an answer: counted, not scored; `9.0`
    /// (pandas' integer column with a missing value) is 9; `;`-separated files read with a delimiter.
    @Test func blankAnswersAreUnansweredAndWholeDecimalsAreScores() throws {
        let path = TestFiles.write("id;plan;score\n1;pro;10.0\n2;basic;\n3;pro;NA\n4;basic;3.0\n5;pro; 9 \n", name: "survey.csv")
        let survey = try NetPromoterSurvey.read(path: path, scoreColumn: "score", groupColumn: "plan", delimiter: .semicolon)
        #expect(survey.overall == NetPromoterScore(promoters: 2, passives: 0, detractors: 1, unanswered: 2))
        #expect(survey.overall.responses == 3)
        #expect(survey.groups[0].score == NetPromoterScore(promoters: 2, unanswered: 1))
        #expect(survey.groups[1].score == NetPromoterScore(detractors: 1, unanswered: 1))
        let csv = survey.table().rendered(.csv).split(separator: "\n").map(String.init)
        #expect(csv[3].hasPrefix("all,3,2,0,1,66.6666") && csv[3].hasSuffix(",2"))
        // Only blank answers: rows but no responses, so the score is undefined, not an error.
        let none = try NetPromoterSurvey.read(path: TestFiles.write("id,score\n1,\n", name: "survey.csv"))
        #expect(none.overall.responses == 0 && none.overall.unanswered == 1 && none.overall.score == nil)
    }

    @Test func scoresOutsideZeroToTenAreBadRows() throws {
        for (bad, reason) in [("11", "'11' is not an NPS score"), ("-1", "'-1'"), ("7.5", "'7.5'"), ("ten", "'ten'"), ("10.5", "'10.5'")] {
            let path = TestFiles.write("id,score\n1,9\n2,\(bad)\n", name: "survey.csv")
            do {
                _ = try NetPromoterSurvey.read(path: path, scoreColumn: "score")
                Issue.record("\(bad) was accepted")
            } catch let IngestionError.malformedRow(file, line, column, message) {
                #expect(file == path)
                #expect(line == 3)
                #expect(column == "score")
                #expect(message.contains(reason), "\(message)")
            }
        }
        let missing = TestFiles.write("id,rating\n1,9\n", name: "survey.csv")
        #expect(throws: IngestionError.missingColumn(file: missing, column: "score", available: ["id", "rating"])) {
            try NetPromoterSurvey.read(path: missing, scoreColumn: "score")
        }
        let empty = TestFiles.write("id,score\n", name: "survey.csv")
        #expect(throws: IngestionError.noRows(file: empty)) { try NetPromoterSurvey.read(path: empty) }
    }
}
