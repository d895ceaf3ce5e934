import CRMEngine
import CRMQuery
import CRMStore

extension ShellContext {
    /// The names of the saved views, for completing `run `; none when the store cannot be
    /// read just now (completion then offers less, and says nothing).
    func viewNames() -> [String] {
        ((try? SavedViews.all(in: session.store)) ?? []).map(\.name)
    }

    /// `.views`: each saved view's name and statement, in name order.
    func listViews() throws(ShellError) {
        let views: [SavedView]
        do {
            views = try SavedViews.all(in: session.store)
        } catch {
            throw ShellError("cannot read the saved views: \(error)")
        }
        guard !views.isEmpty else {
            say("no saved views (define one: define view weekly_check as find promises where overdue)")
            return
        }
        // Names may be Chinese: pad by display width, so the statements line up.
        let widths = views.map { DisplayWidth.of($0.name[...]) }
        let width = widths.max() ?? 0
        say(
            zip(views, widths).map { view, nameWidth in
                view.name + String(repeating: " ", count: width - nameWidth + 2) + view.statement
            }.joined(separator: "\n"))
    }
}
