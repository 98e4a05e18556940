using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MlNetResNet.Demo.Cli;

/// <summary>
/// The <c>train</c> flags of the training recipe: <c>--recipe</c>, and one flag per addition that overrides the recipe's
/// choice (<c>--augment</c>, <c>--mixup</c>, <c>--mixup-off-epoch</c>, <c>--ema</c>, <c>--ema-decay</c>, <c>--tta</c>).
/// </summary>
internal sealed class RecipeFlags
{
    private readonly Option<TrainingRecipe> _recipe = new("--recipe")
    {
        Description = "Training recipe: modern (weight average + balanced class weights; the measured best) or seed (RandomResizedCrop + flip, nothing added: the PyTorch recipe). Each flag below overrides the recipe's choice.",
        DefaultValueFactory = _ => new ResNetClassifierOptions().Recipe,
        CustomParser = result => DemoCommandLine.ParseNamed(result, "--recipe", "modern or seed",
            new Dictionary<string, TrainingRecipe> { ["modern"] = TrainingRecipe.Modern, ["seed"] = TrainingRecipe.Seed }),
        HelpName = "modern|seed",
    };
    private readonly Option<AugmentationPolicy?> _augment = new("--augment")
    {
        Description = "Training augmentation after RandomResizedCrop + flip: crop-flip (nothing more), trivial (TrivialAugmentWide) or trivial-erasing (TrivialAugmentWide, then RandomErasing). [default: the recipe's]",
        CustomParser = result => DemoCommandLine.ParseNamed(result, "--augment", "crop-flip, trivial or trivial-erasing", new Dictionary<string, AugmentationPolicy>
        {
            ["crop-flip"] = AugmentationPolicy.CropFlip, ["trivial"] = AugmentationPolicy.TrivialAugment,
            ["trivial-erasing"] = AugmentationPolicy.TrivialAugmentErasing,
        }),
        HelpName = "crop-flip|trivial|trivial-erasing",
    };
    private readonly Option<BatchMixing?> _mixup = new("--mixup")
    {
        Description = "Mix training batches: none, or mixup-cutmix (timm's Mixup α 0.8 / CutMix α 1.0, half each). [default: the recipe's]",
        CustomParser = result => DemoCommandLine.ParseNamed(result, "--mixup", "none or mixup-cutmix",
            new Dictionary<string, BatchMixing> { ["none"] = BatchMixing.None, ["mixup-cutmix"] = BatchMixing.MixupCutMix }),
        HelpName = "none|mixup-cutmix",
    };
    private readonly Option<int?> _mixupOffEpoch = new("--mixup-off-epoch")
    {
        Description = "Last epoch that mixes batches (timm's mixup_off_epoch). [default: three quarters of --epochs, rounded up]",
        HelpName = "N",
    };
    // Text, not bool?: a bool option takes no value on the command line ("--ema on" would leave "on" as a stray argument).
    private readonly Option<string?> _ema = new("--ema")
    {
        Description = "Keep an exponential moving average of the weights and use it where it validates better: on or off. [default: the recipe's]",
        HelpName = "on|off",
    };
    private readonly Option<double?> _emaDecay = new("--ema-decay")
    {
        Description = "Decay of the weight average per step, in [0, 1). [default: a half-life of one epoch]",
        HelpName = "D",
    };
    private readonly Option<TestTimeAugmentation> _tta = new("--tta")
    {
        Description = "Test-time augmentation inside the saved model: none, or flip (mean of the image and its mirror image; about twice the scoring cost).",
        DefaultValueFactory = _ => new ResNetClassifierOptions().TestTimeAugmentation,
        CustomParser = result => DemoCommandLine.ParseNamed(result, "--tta", "none or flip",
            new Dictionary<string, TestTimeAugmentation> { ["none"] = TestTimeAugmentation.None, ["flip"] = TestTimeAugmentation.HorizontalFlip }),
        HelpName = "none|flip",
    };

    public RecipeFlags()
    {
        _ema.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && OnOff(value) is null) result.AddError($"--ema takes on or off, not '{value}'.");
        });
        _mixupOffEpoch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0) result.AddError("--mixup-off-epoch cannot be negative.");
        });
        _emaDecay.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } decay && decay is not (>= 0 and < 1))
                result.AddError(FormattableString.Invariant($"--ema-decay must be in [0, 1), not {decay}."));
        });
    }

    public IEnumerable<Option> All => [_recipe, _augment, _mixup, _mixupOffEpoch, _ema, _emaDecay, _tta];

    public RecipeRequest Read(ParseResult result) => new(result.GetValue(_recipe), result.GetValue(_augment), result.GetValue(_mixup),
        result.GetValue(_mixupOffEpoch), result.GetValue(_ema) is { } ema ? OnOff(ema) : null, result.GetValue(_emaDecay), result.GetValue(_tta));

    private static bool? OnOff(string value) => value.ToLower(CultureInfo.InvariantCulture) switch { "on" => true, "off" => false, _ => null };
}
