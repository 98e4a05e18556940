using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Scoring.ImageGuard;

/// <summary>The input data view without the rows whose image path is in a refused set; rows are renumbered from 0.</summary>
internal sealed class FilteredPathDataView(IDataView source, DataViewSchema.Column pathColumn, IReadOnlySet<string> refusedPaths)
    : IDataView
{
    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => source.Schema;

    public long? GetRowCount() => refusedPaths.Count == 0 ? source.GetRowCount() : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(source.GetRowCursor(WithPath(columnsNeeded), rand), pathColumn, refusedPaths);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        source.GetRowCursorSet(WithPath(columnsNeeded), n, rand)
            .Select(cursor => (DataViewRowCursor)new Cursor(cursor, pathColumn, refusedPaths)).ToArray();

    private IEnumerable<DataViewSchema.Column> WithPath(IEnumerable<DataViewSchema.Column> columnsNeeded) =>
        columnsNeeded.Append(pathColumn).DistinctBy(column => column.Index);

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor inner;
        private readonly IReadOnlySet<string> refusedPaths;
        private readonly ValueGetter<ReadOnlyMemory<char>> getPath;
        private ReadOnlyMemory<char> path;
        private long position = -1;

        public Cursor(DataViewRowCursor inner, DataViewSchema.Column pathColumn, IReadOnlySet<string> refusedPaths)
        {
            this.inner = inner;
            this.refusedPaths = refusedPaths;
            getPath = inner.GetGetter<ReadOnlyMemory<char>>(pathColumn);
        }

        public override DataViewSchema Schema => inner.Schema;

        public override long Position => position;

        public override long Batch => inner.Batch;

        public override bool MoveNext()
        {
            while (inner.MoveNext())
            {
                getPath(ref path);
                if (refusedPaths.Contains(path.ToString())) continue;
                position++;
                return true;
            }
            return false;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
