import CaunoiCrypto
import Testing

struct RandomTests {
    @Test(arguments: [1, 2, 3, 10, 1000, UInt32.max])
    func uniformStaysInRange(upperBound: UInt32) {
        let draws = (0..<2000).map { _ in Random.uniform(upperBound) }
        #expect(draws.allSatisfy { $0 < upperBound })
        if upperBound <= 3 {
            #expect(Set(draws).count == Int(upperBound))  // every value shows up (missing one: p < 2^-1000)
        }
    }

    @Test func bytes() {
        #expect(Random.bytes(0).isEmpty)
        #expect(Random.bytes(57).count == 57)
        #expect(Random.bytes(32) != Random.bytes(32))
    }
}
