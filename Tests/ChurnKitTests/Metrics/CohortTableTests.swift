import Foundation
import Testing
@testable import ChurnKit

struct CohortTableTests {
    @Test func handCheckedCohorts() throws {
        let table = try CohortTable.read(.transactionLog(path: retentionLog(retentionFixture)), period: .month)
        #expect(table.cohorts.map(\.label) == ["1997-01", "1997-02", "1997-03", "1997-04", "1997-05", "1997-06", "1997-07"])
        #expect(table.cohorts.map(\.customers) == [2, 1, 0, 0, 0, 0, 1])
        let january = table.cohorts[0]
        #expect(january.activeCustomers == [2, 0, 0, 0, 1, 0, 0])
        #expect(january.revenue == [35, 0, 0, -5, 8, 0, 0])
        #expect((0..<7).map(january.retention) == [100, 0, 0, 0, 50, 0, 0])
        #expect(january.retention(7) == nil)
        #expect(table.cohorts[1].activeCustomers == [1, 0, 0, 0, 0, 0])
        #expect(table.cohorts[6].activeCustomers == [1])
        #expect(table.cohorts[2].retention(0) == nil) // nobody acquired in March

        let csv = table.table(.retention).rendered(.csv).split(separator: "\n").map(String.init)
        #expect(csv[0] == "cohort,customers,period_0,period_1,period_2,period_3,period_4,period_5,period_6")
        #expect(csv[1] == "1997-01,2,100,0,0,0,50,0,0")
        #expect(csv[3] == "1997-03,0,,,,,,,")
        #expect(csv[7] == "1997-07,1,100,,,,,,")
        let revenue = table.table(.revenue).rendered(.csv).split(separator: "\n").map(String.init)
        #expect(revenue[1] == "1997-01,2,35,0,0,-5,8,0,0")
        let text = table.table(.retention).rendered(.table).split(separator: "\n").map(String.init)
        #expect(text[0] == "cohort   customers  period_0  period_1  period_2  period_3  period_4  period_5  period_6")
        #expect(text[1] == "1997-01          2     100.0       0.0       0.0       0.0      50.0       0.0       0.0")
        #expect(text[3] == "1997-03          0       n/a       n/a       n/a       n/a       n/a")
        #expect(text[7] == "1997-07          1     100.0")
    }

    @Test func cdnowCohortsMatchReference() throws {
        let reference = try ReferenceOutput.load("retention_cdnow.json")
        let expected = reference["cohorts"] as! [[String: Any]]
        let table = try CohortTable.read(.transactionLog(path: TestFiles.cdnow), period: .month)
        let acquired = table.cohorts.filter { $0.customers > 0 }
        #expect(acquired.map(\.label) == expected.map { $0["cohort"] as! String })
        #expect(acquired.map(\.label) == ["1997-01", "1997-02", "1997-03"])
        for (cohort, e) in zip(acquired, expected) {
            #expect(cohort.customers == e["customers"] as? Int)
            #expect(cohort.activeCustomers == e["active_customers"] as? [Int], "\(cohort.label)")
            let revenue = (e["revenue"] as! [Any]).compactMap(ReferenceOutput.number)
            #expect(cohort.revenue.count == revenue.count)
            for (a, b) in zip(cohort.revenue, revenue) { #expect(isClose(a, b, absolute: 1e-6), "\(cohort.label)") }
            let retention = (e["retention"] as! [Any]).compactMap(ReferenceOutput.number)
            for (t, b) in retention.enumerated() { #expect(isClose(cohort.retention(t)!, b), "\(cohort.label) +\(t)") }
        }
    }
}
