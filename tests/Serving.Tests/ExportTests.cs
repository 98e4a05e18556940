using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlNetResNet.Pipelines;
using MlNetResNet.Serving.Export;
using MlNetResNet.Serving.Tests.Support;
using MlNetResNet.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Serving.Tests;

/// <summary><c>export --triton</c>: the config parses as Triton's ModelConfig, and the graph reproduces the saved model.</summary>
[Collection(ServedModelsCollection.Name)]
public sealed class ExportTests(ServedModels models)
{
    [Fact]
    public void The_Triton_config_parses_as_a_ModelConfig_with_the_documented_fields()
    {
        using var folder = new TempFolder("mlnetresnet-triton");
        var model = ModelExport.Read(models.ModelA);
        string modelFolder = ModelExport.WriteTriton(model, folder.Path, "flowers", maxBatch: 64);
        Assert.True(File.Exists(Path.Combine(modelFolder, "1", "model.onnx")));
        Assert.Equal(models.ClassNames, File.ReadAllLines(Path.Combine(modelFolder, "labels.txt")));

        string json = PythonReference.Run("parse_triton_config.py", Path.Combine(AppContext.BaseDirectory, "Triton"),
            Path.Combine(modelFolder, "config.pbtxt"));
        var config = JsonNode.Parse(json)!;
        Assert.Equal("flowers", config["name"]!.GetValue<string>());
        Assert.Equal("onnxruntime_onnx", config["platform"]!.GetValue<string>());
        Assert.Equal(64, config["max_batch_size"]!.GetValue<int>());
        Assert.True(config["has_dynamic_batching"]!.GetValue<bool>());
        var input = config["input"]![0]!;
        Assert.Equal(("image", "TYPE_UINT8", "[\"32\",\"32\",\"3\"]"),
            (input["name"]!.GetValue<string>(), input["data_type"]!.GetValue<string>(), input["dims"]!.ToJsonString()));
        var output = config["output"]![0]!;
        Assert.Equal(("probabilities", "TYPE_FP32", $"[\"{models.ClassNames.Count}\"]", "labels.txt"),
            (output["name"]!.GetValue<string>(), output["data_type"]!.GetValue<string>(), output["dims"]!.ToJsonString(),
             output["label_filename"]!.GetValue<string>()));
    }

    [Fact]
    public void The_exported_graph_on_a_batch_of_3_uint8_images_gives_the_saved_models_probabilities()
    {
        using var folder = new TempFolder("mlnetresnet-export");
        string onnx = folder.File("flowers.onnx");
        ModelExport.WriteOnnx(ModelExport.Read(models.ModelA), onnx);
        // PNG copies: a lossless file decodes to the same bytes in ImageSharp (here) and Skia (ML.NET).
        var images = models.ValidationImages.Take(3).Select((path, i) =>
        {
            string png = folder.File($"{i}.png");
            using var image = Image.Load<Rgb24>(path);
            image.SaveAsPng(png);
            return png;
        }).ToList();

        // As documented: decode to RGB, (the images are already the model's 32 px side), uint8 in H, W, C order.
        const int side = 32;
        var pixels = new byte[images.Count * side * side * 3];
        for (int i = 0; i < images.Count; i++)
        {
            using var image = Image.Load<Rgb24>(images[i]);
            Assert.Equal((side, side), (image.Width, image.Height));
            image.CopyPixelDataTo(pixels.AsSpan(i * side * side * 3, side * side * 3));
        }
        using var session = new InferenceSession(onnx);
        Assert.Equal(["image"], session.InputMetadata.Keys);
        Assert.Equal(-1, session.InputMetadata["image"].Dimensions[0]);
        var input = new DenseTensor<byte>(pixels, [images.Count, side, side, 3]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", input)], ["probabilities"]);
        var exported = results[0].AsTensor<float>();

        using var saved = ImageClassifierModel.Load(new MLContext(seed: 1), models.ModelA);
        var expected = saved.Predict(images);
        for (int i = 0; i < images.Count; i++)
        for (int c = 0; c < models.ClassNames.Count; c++)
            Assert.Equal(expected[i].Probabilities[c], exported[i, c], 1e-5);
    }
}
