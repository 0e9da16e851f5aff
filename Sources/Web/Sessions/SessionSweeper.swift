import Cases
import ServiceLifecycle

/// Ends sessions past their idle or absolute limit once a minute, so the keys of someone who
/// walked away are wiped without waiting for her next request; at shutdown, ends them all.
struct SessionSweeper: Service {
    let sessions: SessionRegistry

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(60))
                await sessions.endExpired()
            }
        }
        await sessions.endAll()
    }
}
