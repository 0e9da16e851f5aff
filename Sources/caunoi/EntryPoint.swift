import CaunoiCLI

/// The `caunoi` executable: everything is in `CaunoiCLI`, so that parsing is tested in process.
@main
enum EntryPoint {
    static func main() async {
        await Caunoi.main()
    }
}
