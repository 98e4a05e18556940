using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.MlNet;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Hostile;

/// <summary>
/// A tiny shapes set (3 × 4 images of 32 px) salted with every file of the hostile corpus, and two one-epoch
/// classifiers fitted on it: one reading the path column (our decoder, guarded), one after LoadImages (MLImage column)
/// on the screened rows. Fitting both takes seconds.
/// </summary>
public sealed class SaltedShapesFixture : IDisposable
{
    public SaltedShapesFixture()
    {
        ImageFolder = Folder.File("images");
        GoodRows = ShapeImages.Write(ImageFolder, perClass: 4, seed: 5);
        Cases = HostileCorpus.Write(Path.Combine(ImageFolder, "hostile"));
        SaltedRows = GoodRows.Concat(Cases.Select(c => new ShapeRow { ImagePath = Relative(c), Label = "square" })).ToList();

        var salted = Ml.Data.LoadFromEnumerable(SaltedRows);
        PathModel = Ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(Ml.Transforms.ResNetClassifier(Options(pathColumn: true, ImageFolder)))
            .Fit(salted);

        Screened = ImageDataGuard.Screen(salted, "ImagePath", ImageFolder);
        ImageModel = Ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(Ml.Transforms.LoadImages("Image", ImageFolder, "ImagePath"))
            .Append(Ml.Transforms.ResNetClassifier(Options(pathColumn: false, null)))
            .Fit(Screened.Data);
        using var saved = new MemoryStream();
        Ml.Model.Save(ImageModel, Screened.Data.Schema, saved);
        SavedImageModel = saved.ToArray();
    }

    public TempFolder Folder { get; } = new("hostile-shapes");
    public string ImageFolder { get; }
    public MLContext Ml { get; } = new(seed: 1);
    public List<ShapeRow> GoodRows { get; }
    public IReadOnlyList<HostileCase> Cases { get; }
    public List<ShapeRow> SaltedRows { get; }
    public TransformerChain<ResNetClassifierTransformer> PathModel { get; }
    public ScreenedImageData Screened { get; }
    public TransformerChain<ResNetClassifierTransformer> ImageModel { get; }

    /// <summary>model.zip of <see cref="ImageModel"/>, saved right after fitting.</summary>
    public byte[] SavedImageModel { get; }

    public HostileCase Case(string name) => Cases.Single(c => c.Name == name);

    public string Relative(HostileCase hostile) => Path.GetRelativePath(ImageFolder, hostile.Path);

    /// <summary>Rows with the given relative paths (label "square"), as a data view.</summary>
    public IDataView Rows(params string[] paths) =>
        Ml.Data.LoadFromEnumerable(paths.Select(path => new ShapeRow { ImagePath = path, Label = "square" }).ToList());

    private static ResNetClassifierOptions Options(bool pathColumn, string? imageFolder)
    {
        var options = TinyClassifier.Options();
        options.Seed = 1;
        options.ImageColumnName = pathColumn ? "ImagePath" : "Image";
        options.ImageFolder = imageFolder;
        return options;
    }

    public void Dispose()
    {
        PathModel.LastTransformer.Dispose();
        ImageModel.LastTransformer.Dispose();
        Folder.Dispose();
    }
}
