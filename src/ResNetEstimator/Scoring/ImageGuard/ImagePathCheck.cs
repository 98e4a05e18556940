using Microsoft.ML;

namespace MlNetResNet.Scoring.ImageGuard;

/// <summary>
/// Resolves a row's image path the way ML.NET's LoadImages does (joined to the image folder when one is given) and
/// asks <see cref="ImageFileGuard"/> about the file. An empty path is refused here: LoadImages turns it into no
/// image, which the rest of a chain scores as an all-black picture without a word.
/// </summary>
internal sealed class ImagePathCheck(DataViewSchema.Column column, string? imageFolder, ImageFileLimits limits) : IColumnReadGuard
{
    public ImageFileLimits Limits { get; } = limits;

    public DataViewSchema.Column Column { get; } = column;

    public Delegate Wrap(Delegate getter, Func<long> position) => Guard((ValueGetter<ReadOnlyMemory<char>>)getter, position);

    /// <summary>Null when the file is accepted, else the problem.</summary>
    public string? Problem(ReadOnlySpan<char> path)
    {
        if (path.IsWhiteSpace()) return "has an empty image path; LoadImages would score it as an all-zero image.";
        var verdict = ImageFileGuard.Inspect(Resolve(path.ToString()), Limits);
        return verdict.IsAccepted ? null : verdict.Problem;
    }

    public string Resolve(string path) => string.IsNullOrWhiteSpace(imageFolder) ? path : Path.Combine(imageFolder, path);

    /// <summary>
    /// Reading a row's path checks its file first (once per numbered row) and throws <see cref="InvalidImageException"/>
    /// naming the row and the file when it is refused.
    /// </summary>
    private ValueGetter<ReadOnlyMemory<char>> Guard(ValueGetter<ReadOnlyMemory<char>> getPath, Func<long> position)
    {
        long checkedRow = -1;
        return (ref ReadOnlyMemory<char> value) =>
        {
            getPath(ref value);
            long row = position();
            if (row == checkedRow && row >= 0) return;
            if (Problem(value.Span) is { } problem)
            {
                string where = row >= 0 ? $"row {row} of column '{Column.Name}'" : $"column '{Column.Name}'";
                string source = value.Span.IsWhiteSpace() ? $"in {where}" : $"'{Resolve(value.ToString())}' ({where})";
                throw new InvalidImageException(source, $"refused: {problem}");
            }
            checkedRow = row;
        };
    }
}
