using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.ML;
using MlNetResNet.Scoring;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.MlNet;

public class EmbeddedOnnxFileTests
{
    [Fact]
    public void TheFirstFileInAFolderRemovesTheFilesOfProcessesThatNoLongerRunAndNothingElse()
    {
        using var temp = new TempFolder();
        string Id() => Guid.NewGuid().ToString("N");
        // Above Linux's largest process id (2^22), so no process has it.
        string orphan = temp.File($"mlnetresnet-999999999-{Id()}.onnx");
        string[] kept =
        [
            temp.File($"mlnetresnet-{Environment.ProcessId}-{Id()}.onnx"), // a running process's file
            temp.File($"mlnetresnet-{Id()}.onnx"),                         // no process id: cannot tell
            temp.File("mlnetresnet-999999999-notes.onnx"),                  // not our naming
            temp.File("other-999999999-file.onnx"),
        ];
        foreach (string path in kept.Append(orphan)) File.WriteAllText(path, "x");

        using var file = new EmbeddedOnnxFile([1, 2, 3], temp.Path);

        Assert.False(File.Exists(orphan));
        Assert.All(kept, path => Assert.True(File.Exists(path), path));
        Assert.Contains($"mlnetresnet-{Environment.ProcessId}-", file.Path);
        Assert.Empty(EmbeddedOnnxFile.RemoveOrphans(temp.Path));
    }

    /// <summary>
    /// A disposed PredictionEngine disposes the model it was created over (ML.NET's default, OwnsTransformer = true),
    /// which deletes the network file the chain's OnnxTransformer saves from. The usual "predict one row, then save"
    /// must still save the same model, and disposing the model itself must still leave no file behind.
    /// </summary>
    [Fact]
    public void TheFittedModelSavesTheSameNetworkAfterAPredictionEngineOverItIsDisposedAndItsFileGoesWithTheModel()
    {
        using var temp = new TempFolder();
        var rows = ShapeImages.Write(temp.File("images"), perClass: 2, seed: 3);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        var before = OurNetworkFiles();
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", temp.File("images"), "ImagePath"))
            .Append(ml.Transforms.ResNetClassifier(TinyClassifier.Options()))
            .Fit(data);
        string networkFile = Assert.Single(OurNetworkFiles().Except(before));

        float[] served;
        using (var engine = ml.Model.CreatePredictionEngine<ShapeRow, LongRunningPredictionTests.ShapePrediction>(model))
            served = engine.Predict(rows[0]).Score;
        using var saved = new MemoryStream();
        ml.Model.Save(model, data.Schema, saved);
        saved.Position = 0;
        var loaded = ml.Model.Load(saved, out _);
        using (loaded as IDisposable)
        using (var engine = ml.Model.CreatePredictionEngine<ShapeRow, LongRunningPredictionTests.ShapePrediction>(loaded, new PredictionEngineOptions { OwnsTransformer = false }))
            Assert.Equal(served, engine.Predict(rows[0]).Score);
        Assert.False(File.Exists(networkFile), "the saved model left its network file behind");

        model.Dispose();
        Assert.False(File.Exists(networkFile));
        // Disposed twice (by the engine, then by its owner), and saved after: still the same network.
        using var savedAgain = new MemoryStream();
        ml.Model.Save(model, data.Schema, savedAgain);
        Assert.Equal(Entries(saved), Entries(savedAgain));
        Assert.False(File.Exists(networkFile));
    }

    // The zip's entries and their bytes (the archive itself also records when each entry was written).
    private static List<string> Entries(MemoryStream model)
    {
        using var zip = new ZipArchive(new MemoryStream(model.ToArray()), ZipArchiveMode.Read);
        return zip.Entries.Select(entry =>
        {
            using var content = entry.Open();
            using var bytes = new MemoryStream();
            content.CopyTo(bytes);
            return $"{entry.FullName} {Convert.ToHexString(SHA256.HashData(bytes.ToArray()))}";
        }).ToList();
    }

    private static HashSet<string> OurNetworkFiles() =>
        Directory.GetFiles(Path.GetTempPath(), $"mlnetresnet-{Environment.ProcessId}-*.onnx").ToHashSet();
}
