import CRMQuery
import CRMStore

/// A chunk of a script, with the records of its inserts bound ahead where they could be
/// (``InsertPrebinding``): `inserts[i]` belongs to the chunk's statement `i`; empty when
/// none was bound.
struct PreparedChunk {
    var chunk: ScriptChunk
    var inserts: [RecordValues?] = []

    /// Binds what can be bound of `chunk`'s inserts.
    static func prebinding(_ chunk: ScriptChunk) -> PreparedChunk {
        guard case .statements(let parsed) = chunk.content,
            parsed.script.statements.contains(where: { if case .insert = $0.kind { true } else { false } })
        else { return PreparedChunk(chunk: chunk) }
        return PreparedChunk(
            chunk: chunk, inserts: parsed.script.statements.map(InsertPrebinding.values(of:)))
    }
}
