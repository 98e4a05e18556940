using Microsoft.ML;

namespace MlNetResNet.Scoring.ImageGuard;

/// <summary>A check run when one column of a row is read, before the value reaches the transformer that asked for it.</summary>
internal interface IColumnReadGuard
{
    /// <summary>The guarded column.</summary>
    DataViewSchema.Column Column { get; }

    /// <summary>
    /// Wraps the column's getter (a <see cref="ValueGetter{TValue}"/> of the column's type); <paramref name="position"/>
    /// gives the current row, negative when the row has no number (a prediction engine's single row).
    /// </summary>
    Delegate Wrap(Delegate getter, Func<long> position);
}
