using FaceMesh.Imaging;
using FaceMesh.Models;
using FaceMesh.Runtime.Model;
using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Pipeline;

/// <summary>User-supplied model files: used when they fit the stage, refused clearly when not.</summary>
public sealed class ModelPathTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("facemesh-models-").FullName;

    private string Write(MediaPipeModel model)
    {
        string path = Path.Combine(_dir, MediaPipeModels.FileName(model));
        File.WriteAllBytes(path, MediaPipeModels.ReadAllBytes(model));
        return path;
    }

    [FixtureFact("astronaut.png")]
    public void Matching_model_files_load_and_give_the_embedded_models_results()
    {
        using ImageBuffer image = Fixtures.Read("astronaut.png");
        using FaceLandmarker fromFiles = FaceLandmarker.Create(new FaceLandmarkerOptions
        {
            DetectorModelPath = Write(MediaPipeModel.FaceDetectionShortRange),
            LandmarkModelPath = Write(MediaPipeModel.FaceLandmarkWithAttention),
        });
        using FaceLandmarker embedded = FaceLandmarker.Create(new FaceLandmarkerOptions());
        Face face = Assert.Single(fromFiles.Detect(image.View).Faces);
        Assert.Equal(478, face.LandmarkSpan.Length);
        Assert.True(face.LandmarkSpan.SequenceEqual(Assert.Single(embedded.Detect(image.View).Faces).LandmarkSpan));

        using FaceDetector detectorFromFile = FaceDetector.Create(new FaceDetectorOptions
        {
            Model = FaceDetectorModel.FullRange,
            ModelPath = Write(MediaPipeModel.FaceDetectionFullRange),
        });
        using FaceDetector detectorEmbedded = FaceDetector.Create(new FaceDetectorOptions { Model = FaceDetectorModel.FullRange });
        Detection fromFile = Assert.Single(detectorFromFile.Detect(image.View));
        Assert.Equal(Assert.Single(detectorEmbedded.Detect(image.View)).RelativeBoundingBox, fromFile.RelativeBoundingBox);
        Assert.True(fromFile.Score > 0.5f);
    }

    [Fact]
    public void A_model_path_is_read_not_ignored()
    {
        // The same file name holding another model's bytes must be refused: the path is what loads.
        string path = Path.Combine(_dir, MediaPipeModels.FileName(MediaPipeModel.FaceDetectionShortRange));
        File.WriteAllBytes(path, MediaPipeModels.ReadAllBytes(MediaPipeModel.FaceLandmark));
        Assert.Throws<UnsupportedModelException>(() => FaceDetector.Create(new FaceDetectorOptions { ModelPath = path }));
    }

    [Fact]
    public void A_landmark_model_given_as_detector_is_refused_with_both_shapes()
    {
        string wrong = Write(MediaPipeModel.FaceLandmark);
        var ex = Assert.Throws<UnsupportedModelException>(() => FaceLandmarker.Create(new FaceLandmarkerOptions { DetectorModelPath = wrong }));
        Assert.Contains("[1,192,192,3]", ex.Message);
        Assert.Contains("[1,128,128,3]", ex.Message);
        Assert.Contains(wrong, ex.Message);
    }

    [Fact]
    public void The_468_model_given_for_refined_landmarks_is_refused_naming_the_missing_output()
    {
        string wrong = Write(MediaPipeModel.FaceLandmark);
        var ex = Assert.Throws<UnsupportedModelException>(() =>
            FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = true, LandmarkModelPath = wrong }));
        Assert.Contains("output_mesh_identity", ex.Message);
    }

    [Fact]
    public void A_missing_file_names_the_path()
    {
        string missing = Path.Combine(_dir, "nope.tflite");
        var ex = Assert.ThrowsAny<FileNotFoundException>(() => FaceDetector.Create(new FaceDetectorOptions { ModelPath = missing }));
        Assert.Contains(missing, ex.Message);
    }

    [Fact]
    public void A_corrupt_file_is_a_model_format_error()
    {
        string path = Path.Combine(_dir, "corrupt.tflite");
        byte[] bytes = MediaPipeModels.ReadAllBytes(MediaPipeModel.FaceDetectionShortRange);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 3).ToArray());
        Assert.Throws<ModelFormatException>(() => FaceDetector.Create(new FaceDetectorOptions { ModelPath = path }));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
