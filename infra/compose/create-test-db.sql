CREATE DATABASE lumen_test OWNER lumen;
