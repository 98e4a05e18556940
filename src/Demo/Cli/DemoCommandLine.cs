using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MlNetResNet.Demo.Cli;

/// <summary>
/// The command tree (System.CommandLine): no subcommand runs the story; <c>train</c>, <c>evaluate</c>, <c>predict</c>,
/// <c>split</c>, <c>serve</c>, <c>export</c> as documented in the README. Each command's action turns its parse result into a <see cref="DemoRequest"/>
/// and hands it to the runner given to the constructor, so parsing is testable without running anything.
/// </summary>
public sealed class DemoCommandLine
{
    private readonly Option<bool> _verbose = new("--verbose") { Description = "Print stack traces with errors.", Recursive = true };

    private readonly Option<string> _trainData = Required("--data", "Folder with train/ and val/ class folders, or a plain class-folder tree.");
    private readonly Option<string?> _trainVal = new("--val") { Description = "Validation class-folder tree (then --data is a plain tree)." };
    private readonly Option<ResNetArchitecture> _arch = new("--arch")
    {
        Description = "Architecture, torchvision name: resnet18, resnet34, resnet50, resnet101, resnet152, resnext50_32x4d, resnext101_32x8d, resnext101_64x4d, wide_resnet50_2, wide_resnet101_2.",
        DefaultValueFactory = _ => ResNetArchitecture.ResNet18,
        CustomParser = ParseArchitecture,
        HelpName = "name",
    };
    private readonly Option<int> _epochs = Positive("--epochs", "Passes over the training images.", 5);
    private readonly Option<int> _imageSize = Positive("--image-size", "Side of the square crop the network sees.", 224, minimum: 32);
    private readonly Option<int> _batchSize = Positive("--batch-size", "Images per optimisation step.", 16);
    private readonly Option<double> _learningRate = new("--lr") { Description = "Learning rate (Adam).", DefaultValueFactory = _ => 1e-4 };
    private readonly Option<string?> _pretrained = new("--pretrained")
    {
        Description = "Starting weights: none, imagenet (ResNet-18 only, built with the 2-2-2-3 blocks of its ONNX source, " +
                      "so its .pth loads into torchvision's ResNet(BasicBlock, [2, 2, 2, 3]), not resnet18()), a PyTorch .pth file, " +
                      "or a model.zip saved by train to train on from (same --arch; its head rows are kept for the classes it knows). " +
                      "[default: imagenet for resnet18, none otherwise]",
        HelpName = "none|imagenet|FILE.pth|model.zip",
    };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of shuffling, augmentation, splits and new layers.", DefaultValueFactory = _ => 1 };
    private readonly Option<TrainingPrecision> _precision = new("--precision")
    {
        Description = "Arithmetic of the training step: float32, bf16 (bfloat16 convolutions with float32 weights; about 1.7x faster at 224 px on CPUs with AMX), or auto (bf16 where a short probe measured it faster on this CPU). The saved model is float32 either way.",
        DefaultValueFactory = _ => TrainingPrecision.Float32,
        CustomParser = ParsePrecision,
        HelpName = "float32|bf16|auto",
    };
    private readonly Option<FineTuningMode> _fineTune = new("--fine-tune")
    {
        Description = "What trains: full (the whole network, the seed recipe), head (frozen backbone, features computed once, only fc trains; seconds) or two-stage (head, then layer1-layer4 and fc unfrozen with held batch-norm statistics).",
        DefaultValueFactory = _ => FineTuningMode.Full,
        CustomParser = ParseFineTuning,
        HelpName = "full|head|two-stage",
    };
    private readonly Option<string?> _cacheDir = new("--cache-dir") { Description = "Keep backbone features here between runs (head and two-stage).", HelpName = "DIR" };
    private readonly Option<long> _cacheSize = new("--cache-size")
    {
        Description = "Most bytes --cache-dir holds (least recently used go first), e.g. 500M or 2G. [default: 1G]",
        DefaultValueFactory = _ => 1L << 30,
        CustomParser = ParseCacheSize,
        HelpName = "bytes",
    };
    private readonly Option<TimeSpan?> _timeBudget = new("--time-budget")
    {
        Description = "Wall time for the whole training (load, train, export): seconds (90) or 90s, 5m, 1h. Epochs are planned to fit; --epochs stays the upper limit.",
        CustomParser = ParseTimeBudget,
        HelpName = "90|90s|5m|1h",
    };
    private readonly Option<ProbabilityCalibration> _calibrate = new("--calibrate")
    {
        Description = "Calibrate the saved probabilities: temperature (one scalar fitted on the validation images, applied inside model.zip) or none.",
        DefaultValueFactory = _ => new ResNetClassifierOptions().Calibration,
        CustomParser = ParseCalibration,
        HelpName = "none|temperature",
    };
    private readonly Option<ClassWeighting?> _classWeighting = new("--class-weighting")
    {
        Description = "Class weights of the training loss: none, or balanced (inverse class frequency, as scikit-learn's \"balanced\"). [default: the recipe's]",
        CustomParser = result => ParseClassWeighting(result),
        HelpName = "none|balanced",
    };
    private readonly RecipeFlags _recipeFlags = new();
    private readonly Option<string> _output = new("--output") { Description = "Where to write the model.", DefaultValueFactory = _ => Path.Combine("out", "model.zip") };
    private readonly Option<string?> _trainMetrics = new("--metrics-json") { Description = "Write the metrics as JSON to this file." };
    private readonly Option<bool> _resume = new("--resume")
    {
        Description = "Continue an interrupted run from the newest committed checkpoint in the folder beside --output " +
                      "(MODEL.checkpoints); with the same options it ends with the weights of an uninterrupted run. Starts afresh when there is none.",
    };

    private readonly Option<string> _model = Required("--model", "A model.zip written by train.");
    private readonly Option<string> _evaluateData = Required("--data", "Class-folder tree to evaluate on (its val/ subfolder when it has train/ and val/).");
    private readonly Option<string?> _evaluateMetrics = new("--metrics-json") { Description = "Write the metrics as JSON to this file." };
    private readonly Option<string?> _report = new("--report")
    {
        Description = "Write the top losses and the most-confused class pairs into this folder: contact sheets " +
                      "(top_losses.png, most_confused.png) and interpretation.json.",
        HelpName = "OUTDIR",
    };

    private readonly Option<string> _predictModel = Required("--model", "A model.zip written by train.");
    private readonly Argument<string[]> _images = new("IMAGE") { Description = "Image files to classify.", Arity = ArgumentArity.OneOrMore };
    private readonly Option<int> _top = Positive("--top", "How many of the most likely classes to list.", 3);
    private readonly Option<string?> _annotate = new("--annotate") { Description = "Write annotated copies of the images into this folder." };
    private readonly Option<string?> _explain = new("--explain")
    {
        Description = "Write a Grad-CAM heatmap (layer4) over each image into this folder, for the predicted class and, when the " +
                      "image sits in a folder named after a class, for that true class too.",
        HelpName = "OUTDIR",
    };

    private readonly Option<string> _splitData = Required("--data", "Flat class-folder tree to split.");
    private readonly Option<string> _splitOut = Required("--out", "Folder that receives train/ and val/.");
    private readonly Option<double> _valFraction = new("--val-fraction") { Description = "Fraction of each class for validation.", DefaultValueFactory = _ => 0.1 };
    private readonly Option<int> _splitSeed = new("--seed") { Description = "Seed of the split.", DefaultValueFactory = _ => 1 };

    private readonly Option<string> _serveModel = Required("--model", "The model.zip to serve; replacing the file reloads it without dropping requests.");
    private readonly Option<int> _port = new("--port") { Description = "TCP port.", DefaultValueFactory = _ => 8080 };
    private readonly Option<string?> _serveName = new("--name") { Description = "Model name in the /v2/models/{name} routes. [default: the model file's name without extension]" };
    private readonly Option<int> _serveMaxBatch = Positive("--max-batch", "Most images per batched network call; 1 turns batching off.", 16);
    private readonly Option<int> _maxDelay = new("--max-delay-ms") { Description = "Longest wait for a batch to fill, in milliseconds.", DefaultValueFactory = _ => 5 };
    private readonly Option<string> _host = new("--host") { Description = "Address to listen on (0.0.0.0 for every interface).", DefaultValueFactory = _ => "127.0.0.1" };

    private readonly Option<string> _exportModel = Required("--model", "A model.zip written by train.");
    private readonly Option<string?> _triton = new("--triton") { Description = "Triton model repository folder: writes DIR/NAME/config.pbtxt, DIR/NAME/1/model.onnx, DIR/NAME/labels.txt." };
    private readonly Option<string?> _onnx = new("--onnx") { Description = "Write the plain ONNX file (input image: uint8 [N, R, R, 3] RGB; output probabilities)." };
    private readonly Option<string?> _exportName = new("--name") { Description = "Triton model name. [default: the model file's name without extension]" };
    private readonly Option<int> _exportMaxBatch = Positive("--max-batch", "Triton max_batch_size.", 64);

    /// <summary>Builds the tree; <paramref name="run"/> executes a parsed request and returns the exit code.</summary>
    public DemoCommandLine(Func<DemoRequest, CancellationToken, Task<int>> run)
    {
        _learningRate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and < 10)) result.AddError("--lr must be in (0, 10).");
        });
        _valFraction.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and < 1)) result.AddError("--val-fraction must be in (0, 1).");
        });

        var train = new Command("train", "Fine-tune a ResNet on an image folder, evaluate it, save model.zip.")
            { _trainData, _trainVal, _arch, _epochs, _imageSize, _batchSize, _learningRate, _pretrained, _seed, _precision, _calibrate,
              _classWeighting, _fineTune, _cacheDir, _cacheSize, _timeBudget, _output, _trainMetrics, _resume };
        foreach (var option in _recipeFlags.All) train.Options.Add(option);
        var evaluate = new Command("evaluate", "Evaluate a saved model on a class-folder tree.") { _model, _evaluateData, _evaluateMetrics, _report };
        var predict = new Command("predict", "Classify images and print every class's probability.") { _predictModel, _images, _top, _annotate, _explain };
        _port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535) result.AddError("--port must be 0..65535.");
        });
        _maxDelay.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0) result.AddError("--max-delay-ms must be 0 or more.");
        });
        var serve = new Command("serve", "Serve a model.zip over HTTP: Open Inference Protocol (KServe v2) routes, POST /predict, a web page at /, /metrics.")
            { _serveModel, _port, _serveName, _serveMaxBatch, _maxDelay, _host };
        var export = new Command("export", "Export the network of a model.zip as ONNX for clients without ML.NET, or as a Triton model repository entry.")
            { _exportModel, _triton, _onnx, _exportName, _exportMaxBatch };
        export.Validators.Add(result =>
        {
            if (result.GetValue(_triton) is null && result.GetValue(_onnx) is null) result.AddError("export needs --triton DIR, --onnx FILE or both.");
        });
        var split = new Command("split", "Copy a class-folder tree into train/ and val/ (stratified, seeded).") { _splitData, _splitOut, _valFraction, _splitSeed };
        Root = new RootCommand(
            "ResNet image classification in ML.NET. Without a command: the whole demo on synthetic flowers " +
            "(generate, fine-tune ImageNet ResNet-18, evaluate, save, reload, predict) with outputs in ./out.")
            { _verbose, train, evaluate, predict, split, serve, export };
        foreach (var command in new[] { Root, train, evaluate, predict, split, serve, export })
            command.SetAction((result, cancellation) => run(ToRequest(result), cancellation));
    }

    /// <summary>The root command.</summary>
    public RootCommand Root { get; }

    /// <summary>Parses without running.</summary>
    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    /// <summary>The request of a parse result without errors.</summary>
    public DemoRequest ToRequest(ParseResult result)
    {
        if (result.Errors.Count > 0)
            throw new InvalidOperationException($"The command line has errors: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        bool verbose = result.GetValue(_verbose);
        return result.CommandResult.Command.Name switch
        {
            "train" => new TrainRequest(result.GetRequiredValue(_trainData), result.GetValue(_trainVal), result.GetValue(_arch),
                result.GetValue(_epochs), result.GetValue(_imageSize), result.GetValue(_batchSize), result.GetValue(_learningRate),
                PretrainedFor(result.GetValue(_arch), result.GetValue(_pretrained)), result.GetValue(_seed),
                result.GetRequiredValue(_output), result.GetValue(_trainMetrics), verbose, result.GetValue(_precision), result.GetValue(_resume),
                result.GetValue(_calibrate), result.GetValue(_classWeighting))
            {
                FineTuning = result.GetValue(_fineTune),
                CacheDirectory = result.GetValue(_cacheDir),
                CacheMaxBytes = result.GetValue(_cacheSize),
                TimeBudget = result.GetValue(_timeBudget),
                Recipe = _recipeFlags.Read(result),
            },
            "evaluate" => new EvaluateRequest(result.GetRequiredValue(_model), result.GetRequiredValue(_evaluateData),
                result.GetValue(_evaluateMetrics), verbose) { ReportFolder = result.GetValue(_report) },
            "predict" => new PredictRequest(result.GetRequiredValue(_predictModel), result.GetRequiredValue(_images),
                result.GetValue(_top), result.GetValue(_annotate), verbose) { ExplainFolder = result.GetValue(_explain) },
            "split" => new SplitRequest(result.GetRequiredValue(_splitData), result.GetRequiredValue(_splitOut),
                result.GetValue(_valFraction), result.GetValue(_splitSeed), verbose),
            "serve" => new ServeRequest(result.GetRequiredValue(_serveModel), result.GetValue(_port), result.GetValue(_serveName),
                result.GetValue(_serveMaxBatch), result.GetValue(_maxDelay), result.GetValue(_host)!, verbose),
            "export" => new ExportRequest(result.GetRequiredValue(_exportModel), result.GetValue(_triton), result.GetValue(_onnx),
                result.GetValue(_exportName), result.GetValue(_exportMaxBatch), verbose),
            _ => new StoryRequest(verbose),
        };
    }

    private static PretrainedChoice PretrainedFor(ResNetArchitecture architecture, string? value) =>
        value is null
            ? new PretrainedChoice(architecture == ResNetArchitecture.ResNet18 ? PretrainedWeights.ImageNet : PretrainedWeights.None)
            : PretrainedChoice.Parse(value);

    private static TrainingPrecision ParsePrecision(ArgumentResult result)
    {
        string value = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        switch (value.ToLowerInvariant())
        {
            case "float32" or "fp32": return TrainingPrecision.Float32;
            case "bf16" or "bfloat16": return TrainingPrecision.BFloat16Mixed;
            case "auto": return TrainingPrecision.Auto;
            default:
                result.AddError($"--precision takes float32, bf16 or auto, not '{value}'.");
                return TrainingPrecision.Float32;
        }
    }

    private static FineTuningMode ParseFineTuning(ArgumentResult result)
    {
        string value = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (!CliValueParsers.TryParseFineTuning(value, out var mode, out string error)) result.AddError(error);
        return mode;
    }

    private static TimeSpan? ParseTimeBudget(ArgumentResult result)
    {
        string value = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (CliValueParsers.TryParseTimeBudget(value, out var budget, out string error)) return budget;
        result.AddError(error);
        return null;
    }

    private static long ParseCacheSize(ArgumentResult result)
    {
        string value = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (!CliValueParsers.TryParseSize(value, out long bytes, out string error)) result.AddError(error);
        return bytes;
    }

    private static ProbabilityCalibration ParseCalibration(ArgumentResult result) => ParseNamed(result, "--calibrate",
        "none or temperature (also off or on)", new Dictionary<string, ProbabilityCalibration>
        {
            ["none"] = ProbabilityCalibration.None, ["off"] = ProbabilityCalibration.None,
            ["temperature"] = ProbabilityCalibration.Temperature, ["on"] = ProbabilityCalibration.Temperature,
        });

    private static ClassWeighting ParseClassWeighting(ArgumentResult result) => ParseNamed(result, "--class-weighting",
        "none or balanced", new Dictionary<string, ClassWeighting> { ["none"] = ClassWeighting.None, ["balanced"] = ClassWeighting.Balanced });

    // One lower-case name per value; an unknown name is an error that lists the accepted ones.
    internal static T ParseNamed<T>(ArgumentResult result, string flag, string accepted, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        string value = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (names.TryGetValue(value.ToLowerInvariant(), out var parsed)) return parsed;
        result.AddError($"{flag} takes {accepted}, not '{value}'.");
        return default;
    }

    private static ResNetArchitecture ParseArchitecture(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var match = ResNetArchitectures.All.FirstOrDefault(spec => spec.TorchvisionName == text.ToLowerInvariant());
        if (match is null)
        {
            result.AddError($"Unknown architecture '{text}'. Use one of: {string.Join(", ", ResNetArchitectures.All.Select(s => s.TorchvisionName))}.");
            return default;
        }
        return match.Architecture;
    }

    private static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };

    private static Option<int> Positive(string name, string description, int defaultValue, int minimum = 1)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
                result.AddError($"{name} must be at least {minimum.ToString(CultureInfo.InvariantCulture)}.");
        });
        return option;
    }
}
