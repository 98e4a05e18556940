using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Scoring.ImageGuard;

namespace MlNetResNet;

/// <summary>
/// Checks the image files a data view's path column names, with <see cref="ImageFileGuard"/>, before a pipeline
/// that starts with ML.NET's <c>LoadImages</c> decodes them. Put it in front of the pipeline, on the data, not
/// inside it: nothing of this library goes into the estimator chain, so a saved model.zip holds only ML.NET's own
/// transformers.
/// </summary>
/// <example>
/// <code>
/// var screened = ImageDataGuard.Screen(data, "ImagePath", imageFolder);
/// foreach (var refused in screened.Refused) Console.WriteLine(refused.Reason);
/// var model = ml.Transforms.LoadImages("Image", imageFolder, "ImagePath").Append(...).Fit(screened.Data);
/// // At scoring time, throw on the first refused file instead of leaving rows out:
/// var scored = model.Transform(ImageDataGuard.ThrowOnRefused(newData, "ImagePath", imageFolder));
/// </code>
/// </example>
public static class ImageDataGuard
{
    /// <summary>
    /// Reads the path column once and checks every distinct file; returns the data without the refused rows (empty
    /// paths and missing files included) and the refused rows with their reasons.
    /// </summary>
    /// <param name="data">Rows with a text column of image paths.</param>
    /// <param name="imagePathColumnName">The path column (text), as given to <c>LoadImages</c>'s <c>inputColumnName</c>.</param>
    /// <param name="imageFolder">The folder relative paths are joined to, as given to <c>LoadImages</c>; null for none.</param>
    /// <param name="limits">The limits; null uses <see cref="ImageFileLimits.Default"/>.</param>
    public static ScreenedImageData Screen(IDataView data, string imagePathColumnName, string? imageFolder = null,
        ImageFileLimits? limits = null)
    {
        var (column, check) = Prepare(data, imagePathColumnName, imageFolder, limits);
        var refused = new List<RefusedImageRow>();
        var problems = new Dictionary<string, string?>(StringComparer.Ordinal);
        using (var cursor = data.GetRowCursor([column]))
        {
            var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                getPath(ref value);
                string path = value.ToString();
                if (!problems.TryGetValue(path, out string? problem))
                    problems[path] = problem = check.Problem(path);
                if (problem is not null) refused.Add(new RefusedImageRow(cursor.Position, path, problem));
            }
        }
        var refusedPaths = refused.Select(row => row.ImagePath).ToHashSet(StringComparer.Ordinal);
        return new ScreenedImageData(new FilteredPathDataView(data, column, refusedPaths), refused);
    }

    /// <summary>
    /// The same data, with each row's file checked when the path column is read (that is, just before a
    /// <c>LoadImages</c> downstream decodes it); a refused file, an empty path or a missing file throws
    /// <see cref="InvalidImageException"/> naming the row and the file. Nothing is read until the data is.
    /// </summary>
    /// <inheritdoc cref="Screen" path="/param"/>
    public static IDataView ThrowOnRefused(IDataView data, string imagePathColumnName, string? imageFolder = null,
        ImageFileLimits? limits = null)
    {
        var (_, check) = Prepare(data, imagePathColumnName, imageFolder, limits);
        return new GuardedColumnDataView(data, check);
    }

    /// <summary>The row mapper equivalent of <see cref="ThrowOnRefused"/>, for prediction engines.</summary>
    internal static IRowToRowMapper ThrowOnRefused(IRowToRowMapper mapper, string imagePathColumnName, string? imageFolder)
    {
        var column = PathColumn(mapper.InputSchema, imagePathColumnName);
        return new GuardedColumnRowMapper(mapper, new ImagePathCheck(column, imageFolder, ImageFileLimits.Default));
    }

    private static (DataViewSchema.Column Column, ImagePathCheck Check) Prepare(IDataView data, string imagePathColumnName,
        string? imageFolder, ImageFileLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(imagePathColumnName);
        limits ??= ImageFileLimits.Default;
        limits.Validate();
        var column = PathColumn(data.Schema, imagePathColumnName);
        return (column, new ImagePathCheck(column, imageFolder, limits));
    }

    private static DataViewSchema.Column PathColumn(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(name), name,
                $"Image path column '{name}' not found; the data has: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
        if (column.Type is not TextDataViewType)
            throw new ArgumentOutOfRangeException(nameof(name), name,
                $"Image path column '{name}' must hold String (text), not {column.Type}.");
        return column;
    }
}
