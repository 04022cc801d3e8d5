namespace FaceMesh.Models;

/// <summary>The model files of MediaPipe Face Mesh 0.4 and Face Detection 0.4, as published on npm.</summary>
public enum MediaPipeModel
{
    /// <summary>face_detection_short_range.tflite: BlazeFace, 128x128 input, faces within ~2 m.</summary>
    FaceDetectionShortRange,
    /// <summary>face_detection_full_range_sparse.tflite: BlazeFace full range, 192x192 input, faces within ~5 m.</summary>
    FaceDetectionFullRange,
    /// <summary>face_landmark.tflite: the 468-point mesh.</summary>
    FaceLandmark,
    /// <summary>face_landmark_with_attention.tflite: 468-point mesh plus lips, eyes and irises (478 points).</summary>
    FaceLandmarkWithAttention,
    /// <summary>geometry_pipeline_metadata_landmarks.binarypb: canonical face model for face geometry.</summary>
    GeometryPipelineMetadata,
}
