using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.MlNet;

namespace MlNetResNet.Tests.Hostile;

public class HostileScoringTests(SaltedShapesFixture shapes) : IClassFixture<SaltedShapesFixture>
{
    [Fact]
    public void Training_on_a_path_column_salted_with_the_corpus_finishes_and_names_every_hostile_file()
    {
        var classifier = shapes.PathModel.LastTransformer;
        Assert.Single(classifier.TrainingHistory);
        foreach (var hostile in shapes.Cases)
            Assert.Contains(classifier.SkippedImages, line => line.Contains(hostile.Path) && line.Contains(hostile.ExpectedProblem));
        Assert.Equal(shapes.Cases.Count, classifier.SkippedImages.Count);
    }

    [Fact]
    public void Screening_before_LoadImages_leaves_out_and_names_every_hostile_row()
    {
        var refused = shapes.Screened.Refused;
        Assert.Equal(shapes.Cases.Select(shapes.Relative), refused.Select(r => r.ImagePath));
        Assert.Equal(Enumerable.Range(shapes.GoodRows.Count, shapes.Cases.Count).Select(i => (long)i), refused.Select(r => r.Row));
        foreach (var (row, hostile) in refused.Zip(shapes.Cases))
            Assert.Contains(hostile.ExpectedProblem, row.Reason);

        var kept = shapes.Screened.Data.GetColumn<string>("ImagePath").ToList();
        Assert.Equal(shapes.GoodRows.Select(r => r.ImagePath), kept);
        Assert.Empty(shapes.ImageModel.LastTransformer.SkippedImages);
    }

    [Fact]
    public void A_model_fitted_after_screening_saves_as_plain_MLNet_transformers()
    {
        using var stream = new MemoryStream(shapes.SavedImageModel);
        var loaded = new MLContext().Model.Load(stream, out _);
        var types = Flatten(loaded).Select(t => t.GetType()).ToList();
        Assert.NotEmpty(types);
        Assert.All(types, type => Assert.StartsWith("Microsoft.ML", type.Assembly.GetName().Name));
        foreach (var transformer in Flatten(loaded)) (transformer as IDisposable)?.Dispose();
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) => transformer is IEnumerable<ITransformer> chain
        ? chain.SelectMany(Flatten)
        : [transformer];

    [Theory]
    [MemberData(nameof(HostileCorpusFixture.CaseNames), MemberType = typeof(HostileCorpusFixture))]
    public void Transform_on_a_path_column_refuses_each_hostile_file_naming_row_and_file_within_2_s_and_300_MB(string name)
    {
        var hostile = shapes.Case(name);
        var data = shapes.Rows(shapes.GoodRows[0].ImagePath, shapes.Relative(hostile));
        var (error, elapsed, allocated, growth) = RefusalBudget.Measure(() =>
            Assert.Throws<InvalidImageException>(() => shapes.PathModel.Transform(data).GetColumn<float[]>("Score").ToList()));

        Assert.Contains(hostile.Path, error.Message);
        Assert.Contains("row 1 of column 'ImagePath'", error.Message);
        Assert.Contains(hostile.ExpectedProblem, error.Message);
        RefusalBudget.AssertWithin(elapsed, allocated, growth, $"Transform refusing {name}");
    }

    [Fact]
    public void A_prediction_engine_on_a_path_column_refuses_a_hostile_file_naming_it()
    {
        var hostile = shapes.Case("jpeg-sof-65500.jpg");
        using var engine = shapes.Ml.Model.CreatePredictionEngine<ShapeRow, ScoreRow>(shapes.PathModel);
        Assert.Equal(3, engine.Predict(shapes.GoodRows[0]).Score.Length);

        var error = Assert.Throws<InvalidImageException>(() => engine.Predict(new ShapeRow { ImagePath = shapes.Relative(hostile), Label = "square" }));
        Assert.Contains(hostile.Path, error.Message);
        Assert.Contains("65500x65500", error.Message);
    }

    [Fact]
    public void An_empty_path_or_a_missing_file_is_an_error_naming_the_row_on_a_path_column()
    {
        var empty = Assert.Throws<InvalidImageException>(() =>
            shapes.PathModel.Transform(shapes.Rows(shapes.GoodRows[0].ImagePath, "")).GetColumn<float[]>("Score").ToList());
        Assert.Contains("row 1 of column 'ImagePath'", empty.Message);
        Assert.Contains("empty image path", empty.Message);

        var missing = Assert.Throws<InvalidImageException>(() =>
            shapes.PathModel.Transform(shapes.Rows("no-such.png")).GetColumn<float[]>("Score").ToList());
        Assert.Contains(Path.Combine(shapes.ImageFolder, "no-such.png"), missing.Message);
        Assert.Contains("row 0", missing.Message);
        Assert.Contains("does not exist", missing.Message);

        using var engine = shapes.Ml.Model.CreatePredictionEngine<ShapeRow, ScoreRow>(shapes.PathModel);
        var engineEmpty = Assert.Throws<InvalidImageException>(() => engine.Predict(new ShapeRow { ImagePath = "", Label = "square" }));
        Assert.Contains("empty image path", engineEmpty.Message);
    }

    [Fact]
    public void An_empty_path_before_LoadImages_is_an_error_naming_the_row_not_an_all_zero_image()
    {
        var error = Assert.Throws<InvalidImageException>(() =>
            shapes.ImageModel.Transform(shapes.Rows(shapes.GoodRows[0].ImagePath, "")).GetColumn<float[]>("Score").ToList());
        Assert.Contains("row 1 of column 'Image'", error.Message);
        Assert.Contains("all-zero image", error.Message);

        using var engine = shapes.Ml.Model.CreatePredictionEngine<ShapeRow, ScoreRow>(shapes.ImageModel);
        var engineError = Assert.Throws<InvalidImageException>(() => engine.Predict(new ShapeRow { ImagePath = "", Label = "square" }));
        Assert.Contains("column 'Image'", engineError.Message);
    }

    [Fact]
    public void ThrowOnRefused_in_front_of_a_plain_LoadImages_chain_names_the_row_before_Skia_decodes()
    {
        var hostile = shapes.Case("png-bomb-30000.png");
        var data = ImageDataGuard.ThrowOnRefused(shapes.Rows(shapes.GoodRows[0].ImagePath, shapes.Relative(hostile)), "ImagePath", shapes.ImageFolder);
        var loader = shapes.Ml.Transforms.LoadImages("Image", shapes.ImageFolder, "ImagePath").Fit(data);
        var (error, elapsed, allocated, growth) = RefusalBudget.Measure(() =>
            Assert.Throws<InvalidImageException>(() => loader.Transform(data).GetColumn<MLImage>("Image").ToList()));
        Assert.Contains(hostile.Path, error.Message);
        Assert.Contains("row 1", error.Message);
        RefusalBudget.AssertWithin(elapsed, allocated, growth, "ThrowOnRefused before LoadImages");
    }

    public sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
