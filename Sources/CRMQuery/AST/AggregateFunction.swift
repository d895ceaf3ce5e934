/// An aggregate in a `select` or `order by` list.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    /// `count()` or `count(*)`: the number of records; `count(x)`: the non-null `x`.
    case count
    /// `min(x)`.
    case min
    /// `max(x)`.
    case max
    /// `sum(x)`.
    case sum
    /// `avg(x)`: the mean.
    case avg
}
