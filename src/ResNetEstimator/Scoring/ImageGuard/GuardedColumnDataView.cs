using Microsoft.ML;

namespace MlNetResNet.Scoring.ImageGuard;

/// <summary>
/// The input data view, unchanged, except that reading the guarded column runs its check first: exactly when the
/// transformer downstream (LoadImages for a path, ResizeImages for an image) would read the value.
/// </summary>
internal sealed class GuardedColumnDataView(IDataView source, IColumnReadGuard guard) : IDataView
{
    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => source.Schema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new GuardedColumnCursor(source.GetRowCursor(columnsNeeded, rand), guard);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        source.GetRowCursorSet(columnsNeeded, n, rand)
            .Select(cursor => (DataViewRowCursor)new GuardedColumnCursor(cursor, guard)).ToArray();
}
